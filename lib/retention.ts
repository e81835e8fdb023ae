import type { Db } from "@/db/client";
import { purgeExpired } from "@/db/mutations/purge-expired";

/** Runs the purge every `intervalMs` (default hourly) until `signal` aborts; failures are logged and retried next round. */
export async function runRetentionWorker(
  db: Db,
  options: { securityEventDays: number; intervalMs?: number; signal?: AbortSignal },
) {
  const intervalMs = options.intervalMs ?? 3_600_000;
  while (!options.signal?.aborted) {
    try {
      const counts = await purgeExpired(db, { securityEventDays: options.securityEventDays });
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      if (total > 0) console.log(`[retention] purged ${JSON.stringify(counts)}`);
    } catch (error) {
      console.error(`[retention] purge failed: ${error instanceof Error ? error.name : "error"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs).unref?.());
  }
}
