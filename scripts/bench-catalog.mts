/**
 * Times the plan catalog's and staff pages' reads against a database, e.g.
 * the one seeded with a million customers:
 *
 *   DATABASE_URL=$(cat /work/bench-db-url) npx tsx --conditions=react-server scripts/bench-catalog.mts [--runs 7] [--live]
 *
 * Prints figures, asserts nothing. Writes nothing: everything runs in one
 * transaction that is rolled back. Where the plan_version_period_deltas
 * migration has not been applied yet, a temporary copy is built from the
 * periods first (its build time is printed: that is what the migration's
 * backfill costs). --live also times the count the rollup replaces.
 */
import { sql } from "drizzle-orm";
import { createDb, type Tx } from "@/db/client";
import { listEntityActivity } from "@/db/queries/audit-trail";
import {
  countCardsOnPlanVersionsNow,
  countRecentRenewalsByPlan,
  getPlan,
  listPlans,
  listPlanVersions,
} from "@/db/queries/plans";
import { getStaffMember, listStaff } from "@/db/queries/staff-admin";
import { parseArgs } from "./lib/args.mts";
import { requireDatabaseUrl } from "./lib/database-url.mts";

const args = parseArgs(process.argv.slice(2), { runs: "string", live: "boolean" });
const runs = Math.max(1, Number(args.runs ?? 7));
const url = requireDatabaseUrl("the database to measure");

class Rollback extends Error {}

async function time(label: string, work: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(1).padStart(8)} ms   max ${samples.at(-1)!.toFixed(1).padStart(8)} ms`,
  );
}

const client = createDb(url, { max: 1, applicationName: "renewal-desk-bench-catalog" });
try {
  await client.db.transaction(async (tx: Tx) => {
    const [scale] = await tx.execute<{ customers: number; renewals: number; periods: number; staff: number }>(sql`
      select (select count(*) from customers)::int as customers, (select count(*) from renewals)::int as renewals,
             (select count(*) from periods)::int as periods, (select count(*) from staff)::int as staff`);
    console.log(
      `Database: ${scale!.customers.toLocaleString("en")} customers, ${scale!.renewals.toLocaleString("en")} renewals, ${scale!.periods.toLocaleString("en")} periods, ${scale!.staff} staff; ${runs} runs each.\n`,
    );

    const [migrated] = await tx.execute<{ present: boolean }>(
      sql`select to_regclass('public.plan_version_period_deltas') is not null as present`,
    );
    if (!migrated!.present) {
      const started = performance.now();
      // A temporary table of the same name is found first on the search path.
      await tx.execute(sql`
        create temp table plan_version_period_deltas on commit drop as
        select plan_version_id, day, sum(delta)::int as delta from (
          select r.plan_version_id, ((p.starts_at + interval '1 second') at time zone 'Asia/Hong_Kong')::date as day, 1 as delta
          from periods p join renewals r on r.id = p.renewal_id where p.voided_at is null
          union all
          select r.plan_version_id, ((p.ends_at + interval '1 second') at time zone 'Asia/Hong_Kong')::date, -1
          from periods p join renewals r on r.id = p.renewal_id where p.voided_at is null
        ) contributions group by 1, 2`);
      await tx.execute(sql`alter table plan_version_period_deltas add primary key (plan_version_id, day)`);
      await tx.execute(sql`analyze plan_version_period_deltas`);
      console.log(
        `(migration not applied here: built a temporary plan_version_period_deltas in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
      );
    }

    const { items } = await listPlans({ status: "all", q: "" }, tx);
    const planIds = items.map((p) => p.id);
    const busiest = items[0]!;
    const [someone] = (await listStaff({ q: "", state: "all", after: null }, tx)).items;

    await time(`listPlans (${items.length} plans)`, () => listPlans({ status: "all", q: "" }, tx));
    await time('listPlans, search "month"', () => listPlans({ status: "active", q: "month" }, tx));
    await time("countRecentRenewalsByPlan (30 days)", () => countRecentRenewalsByPlan(planIds, 30, tx));
    await time("countCardsOnPlanVersionsNow (all plans)", () => countCardsOnPlanVersionsNow(planIds, tx));
    await time(`getPlan (${busiest.code})`, () => getPlan(busiest.id, tx));
    await time("listPlanVersions", () => listPlanVersions(busiest.id, tx));
    await time("listEntityActivity (the plan)", () => listEntityActivity({ type: "plan", id: busiest.id }, tx));
    await time("listStaff (first page)", () => listStaff({ q: "", state: "all", after: null }, tx));
    await time('listStaff, search "chan"', () => listStaff({ q: "chan", state: "active", after: null }, tx));
    await time("getStaffMember", () => getStaffMember(someone!.id, tx));
    await time("listEntityActivity (a staff member)", () => listEntityActivity({ type: "staff", id: someone!.id }, tx));

    if (args.live) {
      console.log("");
      await time("live count of running periods (replaced)", () =>
        tx.execute(sql`
          select r.plan_version_id, count(*)::int from periods p join renewals r on r.id = p.renewal_id
          where p.voided_at is null and p.starts_at <= now() and p.ends_at > now() group by 1`),
      );
    }
    throw new Rollback();
  });
} catch (error) {
  if (!(error instanceof Rollback)) throw error;
} finally {
  await client.close();
}
