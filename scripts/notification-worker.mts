/** The notification (SMS) worker on its own: `npm run worker` (set SMS_WORKER=off on the web instances then). */
import { createDb } from "@/db/client";
import { workerEnv } from "@/lib/env";
import { runNotificationWorker } from "@/lib/notifications/worker";
import { configuredSmsProvider } from "@/lib/notifications/sms-provider";

const config = workerEnv();
const client = createDb(config.DATABASE_URL, { max: 1, applicationName: "renewal-desk-notifications" });
const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => controller.abort());
console.log("[notifications] worker running; Ctrl-C stops it.");
await runNotificationWorker(client.db, configuredSmsProvider(config), { signal: controller.signal });
await client.close();
