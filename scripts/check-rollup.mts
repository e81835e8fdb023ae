/**
 * Recomputes the renewal rollups from the raw renewals and payments for a
 * range of Hong Kong days and compares them: renewal_daily_stats, each
 * chart-grain table (renewal_day_plan, _method, _agent, _currency_state) and
 * its month table (renewal_month_…, for the whole months the range touches),
 * goodwill_day and replacement_fee_day; and, whole, the validity-end rollups
 * (card_validity_ends against cards, renewal_previous_ends against renewals).
 * Exits 1 and lists every bucket that differs; 0 when every rollup is exact.
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/check-rollup.mts [--from 2025-01-01] [--to 2025-12-31]
 *
 * Without --from it starts at the first renewal's day; without --to it ends today (Hong Kong).
 */
import { createDb } from "@/db/client";
import { compareCountRollups, compareGrainRollups, compareRollup } from "@/db/queries/rollup-check";
import { hkDay } from "@/lib/domain/time";
import { parseArgs } from "./lib/args.mts";
import { requireDatabaseUrl } from "./lib/database-url.mts";

const args = parseArgs(process.argv.slice(2), { from: "string", to: "string" });
const url = requireDatabaseUrl("the database to check");
const day = /^\d{4}-\d{2}-\d{2}$/;
for (const flag of ["from", "to"] as const) {
  if (args[flag] !== undefined && !day.test(String(args[flag]))) {
    console.error(`--${flag} takes a Hong Kong calendar day, YYYY-MM-DD`);
    process.exit(2);
  }
}

const client = createDb(url, { max: 1, applicationName: "renewal-desk-check-rollup" });
let exitCode = 0;
try {
  const [first] = await client.sql<{ day: string | null }[]>`
    select (min(created_at) at time zone 'Asia/Hong_Kong')::date::text as day from renewals`;
  const from = String(args.from ?? first?.day ?? hkDay(new Date()));
  const to = String(args.to ?? hkDay(new Date()));
  const started = performance.now();
  const daily = await compareRollup({ from, to }, client.db);
  const grain = await compareGrainRollups({ from, to }, client.db);
  const counts = await compareCountRollups({ from, to }, client.db);
  const elapsed = performance.now() - started;
  const took = elapsed < 1000 ? `${Math.round(elapsed)} ms` : `${(elapsed / 1000).toFixed(1)} s`;
  const tables =
    "renewal_daily_stats, the chart-grain day and month rollups, card_validity_ends, renewal_previous_ends, goodwill_day, replacement_fee_day";
  const differing = daily.length + grain.length + counts.length;
  if (differing === 0) {
    console.log(`Rollups (${tables}) match the raw rows for ${from} … ${to} (checked in ${took}).`);
  } else {
    console.log(`Rollups differ from the raw rows in ${differing} bucket(s) for ${from} … ${to} (checked in ${took}):`);
    if (daily.length) {
      console.log("renewal_daily_stats:");
      console.table(daily.slice(0, 200));
      if (daily.length > 200) console.log(`… and ${daily.length - 200} more.`);
    }
    if (grain.length) {
      console.table(grain.slice(0, 200).map((d) => ({ ...d, key: JSON.stringify(d.key) })));
      if (grain.length > 200) console.log(`… and ${grain.length - 200} more.`);
    }
    if (counts.length) {
      console.table(counts.slice(0, 200).map((d) => ({ ...d, key: JSON.stringify(d.key) })));
      if (counts.length > 200) console.log(`… and ${counts.length - 200} more.`);
    }
    exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 2;
} finally {
  await client.close();
}
process.exit(exitCode);
