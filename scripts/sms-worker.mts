/** The SMS outbox worker on its own: `npm run worker` (set SMS_WORKER=off on the web instances then). */
import { createDb } from "@/db/client";
import { runOutboxWorker } from "@/lib/outbox/worker";
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
await runOutboxWorker(client.db, configuredSmsProvider(), { signal: controller.signal });
await client.close();
