/**
 * Starts the SMS outbox worker inside every `next start` process, so the
 * console sends messages with no extra service to run. Several instances may
 * run it at once (claims use SKIP LOCKED). SMS_WORKER=off disables it when the
 * worker runs on its own (`npm run worker`).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.SMS_WORKER === "off" || !process.env.DATABASE_URL) return;
  const { createDb } = await import("./db/client");
  const { configuredSmsProvider } = await import("./lib/sms/provider");
  const { runOutboxWorker } = await import("./lib/outbox/worker");
  const client = createDb(process.env.DATABASE_URL, { max: 1, applicationName: "renewal-desk-outbox" });
  void runOutboxWorker(client.db, configuredSmsProvider());
}
