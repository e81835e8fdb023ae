import { deliverDueNotifications } from "@/db/mutations/deliver-due-notifications";
import type { Db } from "@/db/client";
import type { SmsProvider } from "./sms-provider";

/** Polls until `signal` aborts; errors are logged without message contents and the loop goes on. */
export async function runNotificationWorker(
  db: Db,
  provider: SmsProvider,
  options: { intervalMs?: number; signal?: AbortSignal } = {},
) {
  const intervalMs = options.intervalMs ?? 2000;
  while (!options.signal?.aborted) {
    let busy = false;
    try {
      const counts = await deliverDueNotifications(db, provider);
      busy = counts.sent + counts.retried + counts.failed > 0;
    } catch (error) {
      console.error(`[notifications] delivery round failed: ${error instanceof Error ? error.name : "error"}`);
    }
    if (!busy) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
