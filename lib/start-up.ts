/**
 * Runs once per `next start` process (from instrumentation.ts, Node.js runtime only). It validates the whole configuration
 * (a typo stops the server here, naming the variable), then refuses to serve
 * when the database role could rewrite the audit log (a superuser, the
 * tables' owner): the app must connect as the runtime role (README, "Running
 * it for a team"), unless ALLOW_PRIVILEGED_DB_ROLE=on says otherwise on
 * purpose. Then it starts the carrier worker (retries carrier requests;
 * CARRIER_WORKER=off stops it), the bulk goodwill worker, the background
 * export worker (EXPORT_WORKER=off stops it), the notification
 * (SMS) worker (SMS_WORKER=off when `npm run worker` runs it instead) and the
 * hourly purge of expired rows. Several instances may run the workers at
 * once: claims use SKIP LOCKED.
 */
export async function startServer() {
  const { env } = await import("./env");
  const config = env();
  const { createDb } = await import("@/db/client");
  const { checkConnectedRole, privilegedRoleProblem } = await import("@/db/roles");

  const probe = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-role-check" });
  try {
    const problem = privilegedRoleProblem(await checkConnectedRole(probe.sql));
    if (problem && config.ALLOW_PRIVILEGED_DB_ROLE !== "on") {
      console.error(
        `[renewal-desk] Refusing to start: ${problem}. Connect as the runtime role (see README), or set ALLOW_PRIVILEGED_DB_ROLE=on to accept the risk.`,
      );
      process.exit(1);
    }
    if (problem) console.warn(`[renewal-desk] ALLOW_PRIVILEGED_DB_ROLE=on: running although ${problem}.`);
  } finally {
    await probe.close();
  }

  if (config.CARRIER_WORKER === "on") {
    const { defaultCarrier } = await import("./carrier/gateway");
    const { runCarrierWorker } = await import("./carrier/worker");
    const carrierClient = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-carrier" });
    void runCarrierWorker(carrierClient.db, defaultCarrier());
  }
  if (config.GOODWILL_WORKER === "on") {
    // Bulk goodwill jobs resume here after a restart: pending items are simply picked up again.
    const { runGoodwillWorker } = await import("./goodwill/worker");
    const goodwill = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-goodwill" });
    void runGoodwillWorker(goodwill.db, { graceDays: config.GRACE_DAYS, capYears: config.VALIDITY_CAP_YEARS });
  }
  if (config.EXPORT_WORKER === "on") {
    // Background exports: a job whose worker died is reclaimed and written again.
    const { runExportWorker } = await import("./exports/worker");
    const exports = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-exports" });
    void runExportWorker(exports.db);
  }
  if (config.SMS_WORKER === "off") return;
  const { configuredSmsProvider } = await import("./notifications/sms-provider");
  const { runNotificationWorker } = await import("./notifications/worker");
  const { runRetentionWorker } = await import("./retention");
  const client = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-notifications" });
  void runNotificationWorker(client.db, configuredSmsProvider(config));
  void runRetentionWorker(client.db, { securityEventDays: config.SECURITY_EVENTS_RETENTION_DAYS });
}
