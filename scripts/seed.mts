import postgres from "postgres";
import { isEmpty, seedDemoData, seedWorkers } from "@/db/seed";
import { parseArgs } from "./lib/args.mts";
import { requireDatabaseUrl } from "./lib/database-url.mts";

const args = parseArgs(process.argv.slice(2), {
  customers: "string",
  months: "string",
  now: "string",
  force: "boolean",
  workers: "string",
});
const url = requireDatabaseUrl("the database to seed (npm start seeds the embedded one by itself)");
const customers = Number(args.customers ?? 2000);
if (!Number.isInteger(customers) || customers < 8 || customers > 5_000_000) {
  console.error("--customers must be a whole number from 8 to 5,000,000");
  process.exit(1);
}
const workers = args.workers ? Number(args.workers) : seedWorkers(customers);
if (!Number.isInteger(workers) || workers < 1 || workers > 16) {
  console.error("--workers must be a whole number from 1 to 16");
  process.exit(1);
}
const sql = postgres(url, { max: workers, onnotice: () => {} });
try {
  if (!(await isEmpty(sql))) {
    console.log(
      "The database already has staff or customers: nothing seeded (demo data goes into an empty database only).",
    );
  } else {
    await seedDemoData(sql, {
      customers,
      months: args.months ? Number(args.months) : undefined,
      now: args.now ? new Date(String(args.now)) : undefined,
      log: console.log,
      workers,
    });
  }
} finally {
  await sql.end();
}
