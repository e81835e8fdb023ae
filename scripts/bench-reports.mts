/**
 * Server-side query time of the report page for a long range: every query the
 * page runs (loadReport), as a supervisor (with revenue) and as an agent, plus
 * the expiry worklist's first page and window counts. Prints figures; asserts nothing.
 *
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server scripts/bench-reports.mts [--years 3] [--runs 7]
 *
 * (--conditions=react-server lets the script import the same server-only query
 * modules the page uses.) Uses a pool of 4 connections, like one app instance.
 */
import { parseArgs } from "./lib/args.mts";
import { requireDatabaseUrl } from "./lib/database-url.mts";

const args = parseArgs(process.argv.slice(2), { years: "string", runs: "string", granularity: "string" });
const url = requireDatabaseUrl("the database to measure");
const years = Number(args.years ?? 3);
const runs = Number(args.runs ?? 7);

let modules;
try {
  modules = await Promise.all([
    import("@/db/client"),
    import("@/db/queries/reports"),
    import("@/db/queries/expiry-worklist"),
    import("@/db/queries/lifecycle-reports"),
    import("@/db/queries/goodwill"),
    import("@/lib/domain/reports/range"),
    import("@/lib/domain/time"),
  ]);
} catch (error) {
  console.error(
    "Could not load the query modules. Run with: npx tsx --conditions=react-server scripts/bench-reports.mts",
  );
  throw error;
}
const [{ createDb }, reports, worklist, lifecycle, goodwill, { resolveRange }, { addDays, hkDay }] = modules;

const client = createDb(url, { max: 4, applicationName: "renewal-desk-bench-reports" });
const now = new Date();
const today = hkDay(now);
const from = addDays(today, -Math.round(years * 365.25) + 1);
const range = resolveRange(
  { range: "custom", from, to: today, granularity: String(args.granularity ?? "month") },
  today,
);
if (range.invalid) throw new Error(`The range ${from} … ${today} is not accepted by the page (${range.invalid}).`);
const graceDays = 30;
const params = { range, previous: range.previous, by: "plan" as const, now, graceDays };

async function time(label: string, work: () => Promise<unknown>) {
  await work(); // warm-up: plans and caches, as on a running server
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
  console.log(
    `${label.padEnd(58)} median ${ms(samples[Math.floor(samples.length / 2)]!)}  min ${ms(samples[0]!)}  max ${ms(samples.at(-1)!)}`,
  );
}

try {
  const [size] = await client.sql<
    {
      renewals: string;
      cards: string;
      rollup_rows: string;
      rollup_in_range: string;
      months_in_range: string;
      ends: string;
    }[]
  >`
    select (select count(*) from renewals) as renewals, (select count(*) from cards) as cards,
      (select count(*) from renewal_daily_stats) as rollup_rows,
      (select (select count(*) from renewal_day_plan where day between ${range.previous.from}::date and ${range.to}::date)
        + (select count(*) from renewal_day_currency_state where day between ${range.previous.from}::date and ${range.to}::date)) as rollup_in_range,
      (select (select count(*) from renewal_month_plan where month between ${range.previous.from}::date and ${range.to}::date)
        + (select count(*) from renewal_month_currency_state where month between ${range.previous.from}::date and ${range.to}::date)) as months_in_range,
      (select count(*) from card_validity_ends) as ends`;
  console.log(
    `Database: ${Number(size!.renewals).toLocaleString("en")} renewals, ${Number(size!.cards).toLocaleString("en")} cards, ${Number(size!.rollup_rows).toLocaleString("en")} rollup rows.`,
  );
  console.log(
    `Range ${range.from} … ${range.to} (${range.days} days, by ${range.granularity}) against ${range.previous.from} … ${range.previous.to}: ${Number(size!.rollup_in_range).toLocaleString("en")} day rows (day × plan, day × currency × state), ${Number(size!.months_in_range).toLocaleString("en")} month rows for the same; ${Number(size!.ends).toLocaleString("en")} card_validity_ends rows in all.`,
  );
  console.log(`${runs} runs after one warm-up, pool of 4 connections.\n`);

  // What the page itself runs, side by side: loadReport, lifecycle and fees, and the goodwill summary.
  await time("report page, supervisor, every statement of the page", () =>
    Promise.all([
      reports.loadReport(params, { role: "supervisor" }, client.db),
      lifecycle.listDailyLifecycle(range, client.db),
      lifecycle.listDailyReplacementFees(range, { role: "supervisor" }, client.db),
      goodwill.summariseGoodwill(range, client.db),
    ]),
  );
  await time("report page, supervisor (loadReport, in parallel)", () =>
    reports.loadReport(params, { role: "supervisor" }, client.db),
  );
  await time("report page, agent (no revenue)", () => reports.loadReport(params, { role: "agent" }, client.db));
  for (const by of ["method", "agent"] as const) {
    await time(`report page, supervisor, volume by ${by}`, () =>
      reports.loadReport({ ...params, by }, { role: "supervisor" }, client.db),
    );
  }
  console.log("");
  // As the page reads them: whole months of a range by month from month rows.
  const both = { from: range.previous.from, to: range.to, granularity: range.granularity };
  await time(`  volume by plan (range, by ${range.granularity})`, () =>
    reports.listRenewalVolume(range, "plan", client.db),
  );
  await time(`  revenue per day, currency, state (range + previous, by ${range.granularity})`, () =>
    reports.listDailyRevenue(both, { role: "supervisor" }, client.db),
  );
  await time(`  renewals per day and state (range + previous, by ${range.granularity})`, () =>
    reports.listDailyRenewals(both, client.db),
  );
  await time("  lapsed cards (range + previous)", () => reports.listLapsedCards(both, { now, graceDays }, client.db));
  await time("  cards in grace now", () => reports.countCardsInGrace({ now, graceDays }, client.db));
  await time("  expirations over the next 90 days", () => reports.listExpirationsAhead({ now, days: 90 }, client.db));
  await time("  suspensions, lifts, replacements per day (range)", () =>
    lifecycle.listDailyLifecycle(range, client.db),
  );
  await time("  replacement fees per day (range)", () =>
    lifecycle.listDailyReplacementFees(range, { role: "supervisor" }, client.db),
  );
  await time("  goodwill summary (range)", () => goodwill.summariseGoodwill(range, client.db));
  console.log("");
  await time("worklist, 30 days, first page + window counts", () =>
    Promise.all([
      worklist.listExpiryWorklist({ window: "30", sort: "end", after: null, now, graceDays }, client.db),
      worklist.countWorklistWindows({ now, graceDays }, client.db),
    ]),
  );
} finally {
  await client.close();
}
