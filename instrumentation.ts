/**
 * Starts the notification (SMS) worker and the carrier worker inside every
 * `next start` process, so the console sends messages and retries carrier
 * requests with no extra service to run. Several instances may run them at
 * once (claims use SKIP LOCKED). SMS_WORKER=off disables the first when it
 * runs on its own (`npm run worker`); CARRIER_WORKER=off the second.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Validates the whole configuration at start: a typo stops the server here, naming the variable.
  const { env } = await import("@/lib/env");
  const config = env();
  const { createDb } = await import("./db/client");
  if (config.CARRIER_WORKER === "on") {
    const { defaultCarrier } = await import("@/lib/carrier/gateway");
    const { runCarrierWorker } = await import("@/lib/carrier/worker");
    const carrierClient = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-carrier" });
    void runCarrierWorker(carrierClient.db, defaultCarrier());
  }
  if (config.SMS_WORKER === "off") return;
  const { configuredSmsProvider } = await import("@/lib/notifications/sms-provider");
  const { runNotificationWorker } = await import("@/lib/notifications/worker");
  const client = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-notifications" });
  void runNotificationWorker(client.db, configuredSmsProvider(config));
}
