/**
 * Starts the notification (SMS) worker inside every `next start` process, so the
 * console sends messages with no extra service to run. Several instances may
 * run it at once (claims use SKIP LOCKED). SMS_WORKER=off disables it when the
 * worker runs on its own (`npm run worker`). The bulk goodwill worker runs in
 * every instance too (items are claimed with SKIP LOCKED).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Validates the whole configuration at start: a typo stops the server here, naming the variable.
  const { env } = await import("@/lib/env");
  const config = env();
  const { createDb } = await import("./db/client");
  // Bulk goodwill jobs resume here after a restart: pending items are simply picked up again.
  const { runGoodwillWorker } = await import("@/lib/goodwill/worker");
  const goodwill = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-goodwill" });
  void runGoodwillWorker(goodwill.db, { graceDays: config.GRACE_DAYS, capDays: config.VALIDITY_CAP_DAYS });
  if (config.SMS_WORKER === "off") return;
  const { configuredSmsProvider } = await import("@/lib/notifications/sms-provider");
  const { runNotificationWorker } = await import("@/lib/notifications/worker");
  const client = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-notifications" });
  void runNotificationWorker(client.db, configuredSmsProvider(config));
}
