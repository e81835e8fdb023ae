/** The notification (SMS) worker and the retention purge on their own: `npm run worker` (set SMS_WORKER=off on the web instances then). */
import { createDb } from "@/db/client";
import { workerEnv } from "@/lib/env";
import { configuredSmsProvider } from "@/lib/notifications/sms-provider";
import { runNotificationWorker } from "@/lib/notifications/worker";
import { runRetentionWorker } from "@/lib/retention";

const config = workerEnv();
const client = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-notifications" });
const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => controller.abort());
console.log("[notifications] worker running; Ctrl-C stops it.");
await Promise.all([
  runNotificationWorker(client.db, configuredSmsProvider(config), { signal: controller.signal }),
  runRetentionWorker(client.db, {
    securityEventDays: config.SECURITY_EVENTS_RETENTION_DAYS,
    signal: controller.signal,
  }),
]);
await client.close();
