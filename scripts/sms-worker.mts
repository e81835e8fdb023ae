/** The SMS outbox worker and the retention purge on their own: `npm run worker` (set SMS_WORKER=off on the web instances then). */
import { createDb } from "@/db/client";
import { runOutboxWorker } from "@/lib/outbox/worker";
import { runRetentionWorker } from "@/lib/retention";
import { configuredSmsProvider } from "@/lib/sms/provider";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL.");
  process.exit(1);
}
const client = createDb(url, { max: 1, applicationName: "renewal-desk-outbox" });
const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => controller.abort());
console.log("[outbox] worker running; Ctrl-C stops it.");
const securityEventDays = Number(process.env.SECURITY_EVENTS_RETENTION_DAYS ?? 365);
await Promise.all([
  runOutboxWorker(client.db, configuredSmsProvider(), { signal: controller.signal }),
  runRetentionWorker(client.db, { securityEventDays, signal: controller.signal }),
]);
await client.close();
