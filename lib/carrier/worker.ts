import { performDueCarrierRequests } from "@/db/mutations/perform-due-carrier-requests";
import type { Db } from "@/db/client";
import type { CarrierGateway } from "./gateway";

/**
 * Polls for due carrier requests until `signal` aborts: failed activations,
 * deactivations and card lifecycle requests are retried with backoff. Errors
 * are logged by name only and the loop goes on.
 */
export async function runCarrierWorker(
  db: Db,
  gateway: CarrierGateway,
  options: { intervalMs?: number; signal?: AbortSignal } = {},
) {
  const intervalMs = options.intervalMs ?? 5000;
  while (!options.signal?.aborted) {
    let busy = false;
    try {
      const counts = await performDueCarrierRequests(db, gateway);
      busy = counts.succeeded + counts.retried + counts.failed > 0;
    } catch (error) {
      console.error(`[carrier] round failed: ${error instanceof Error ? error.name : "error"}`);
    }
    if (!busy) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
