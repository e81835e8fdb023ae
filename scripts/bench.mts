/**
 * `npm run bench`: each page side by side, in one run, against DATABASE_URL:
 *
 *   F  a request that runs no query (GET / with the cookie: the proxy, the session decode, a redirect)
 *   A  the page over HTTP with a signed-in supervisor's cookie (body read to the end)
 *   L  the page's own statements, timed alone through the same query modules
 *   P  the peer pattern: what the usual code does (ILIKE '%q%' + OFFSET + COUNT,
 *      one statement per panel, GROUP BY over raw renewals)
 *
 * and prints p50/p95 of each, A − F, the ratios (A − F) / L and P / L, and the
 * page's size. Interleaved per sample (F, A, L, P), so background load hits all
 * four alike. It starts `next start` on the build (npm run build) unless
 * --base-url names a running one started with scripts/lib/console-server.mts's BENCH_ENV.
 * Prints figures; asserts nothing.
 *
 * With --renewals N it then renews 2 × N cards as 16 agents at once: N through
 * the renew page's server action over HTTP (A, timed until the receipt it
 * answers with has arrived), and N through the same mutation called directly
 * (L, the SQL floor: the renewal's transaction and the simulated carrier),
 * printing p50/p95/p99 and renewals a second of each.
 * Those are real renewals (FPS, with a BENCH… reference): use a copy.
 *
 *   DATABASE_URL=postgres://… npm run bench -- [--runs 30] [--peer-runs 5] [--renewals 400] [--port 3190] [--json out.json]
 *   npm run bench -- --compare at-100k.json at-1m.json     # growth ratios between two runs
 */
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { parseArgs } from "./lib/args.mts";
import {
  postRenewal,
  requireBuild,
  serverActionId,
  signIn,
  startConsoleServer,
  type ConsoleServer,
} from "./lib/console-server.mts";
import { freePort } from "./lib/embedded-postgres.mts";

interface Result {
  operation: string;
  F: number[];
  A: number[];
  L: number[];
  P: number[];
  bytes: number;
  status: number;
}

const pct = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => (Number.isNaN(value) ? "—" : value < 10 ? value.toFixed(1) : value.toFixed(0));

// `--compare a.json b.json` reads two runs and measures nothing.
const compareAt = process.argv.indexOf("--compare");
if (compareAt !== -1) {
  const [small, large] = process.argv.slice(compareAt + 1);
  if (!small || !large) throw new Error("--compare takes two JSON files written by --json");
  const a = JSON.parse(readFileSync(small, "utf8")) as { label: string; results: Result[] };
  const b = JSON.parse(readFileSync(large, "utf8")) as { label: string; results: Result[] };
  console.log(`Growth from ${a.label} to ${b.label} (p50 of the larger over the smaller):`);
  console.log(`${"operation".padEnd(34)} ${"A−F".padStart(7)} ${"L".padStart(7)}`);
  for (const r of b.results) {
    const s = a.results.find((x) => x.operation === r.operation);
    if (!s) continue;
    const grow = (x: number, y: number) => `${(y / x).toFixed(2)}×`.padStart(7);
    console.log(
      `${r.operation.padEnd(34)} ${grow(pct(s.A, 50) - pct(s.F, 50), pct(r.A, 50) - pct(r.F, 50))} ${grow(pct(s.L, 50), pct(r.L, 50))}`,
    );
  }
  process.exit(0);
}

const args = parseArgs(process.argv.slice(2), {
  runs: "string",
  port: "string",
  "base-url": "string",
  json: "string",
  "peer-runs": "string",
  renewals: "string",
});

function printTable(results: Result[], title: string) {
  console.log(`\n${title}`);
  console.log(
    [
      "operation".padEnd(34),
      "F p50/p95".padStart(11),
      "A p50/p95".padStart(11),
      "A−F p50".padStart(8),
      "L p50/p95".padStart(11),
      "P p50/p95".padStart(13),
      "(A−F)/L".padStart(8),
      "P/L".padStart(7),
      "KB".padStart(6),
    ].join(" "),
  );
  for (const r of results) {
    const aMinusF = pct(r.A, 50) - pct(r.F, 50);
    console.log(
      [
        r.operation.padEnd(34),
        `${ms(pct(r.F, 50))}/${ms(pct(r.F, 95))}`.padStart(11),
        `${ms(pct(r.A, 50))}/${ms(pct(r.A, 95))}`.padStart(11),
        ms(aMinusF).padStart(8),
        `${ms(pct(r.L, 50))}/${ms(pct(r.L, 95))}`.padStart(11),
        `${ms(pct(r.P, 50))}/${ms(pct(r.P, 95))}`.padStart(13),
        (aMinusF / pct(r.L, 50)).toFixed(1).padStart(8),
        `${(pct(r.P, 50) / pct(r.L, 50)).toFixed(0)}×`.padStart(7),
        (r.bytes / 1024).toFixed(0).padStart(6),
      ].join(" "),
    );
  }
  console.log("times in ms; A − F is the page's own cost over HTTP; (A−F)/L ≤ 2 is the issue's target for lookups.");
}

const { requireDatabaseUrl } = await import("./lib/database-url.mts");
const url = requireDatabaseUrl("the seeded database to measure");
const runs = Number(args.runs ?? 30);
// The peer pattern scans whole tables: a few samples show its cost at 1M without taking the run's hour.
const peerRuns = Number(args["peer-runs"] ?? 5);

let modules;
try {
  modules = await Promise.all([
    import("@/db/client"),
    import("@/db/queries/customer-search"),
    import("@/db/queries/card-page"),
    import("@/db/queries/cards"),
    import("@/db/queries/card-lifecycle"),
    import("@/db/queries/desk"),
    import("@/db/queries/goodwill"),
    import("@/db/queries/reports"),
    import("@/db/queries/lifecycle-reports"),
    import("@/lib/domain/search-classifier"),
    import("@/lib/domain/reports/range"),
    import("@/lib/domain/time"),
    import("@/db/mutations/renew-card"),
    import("@/db/mutations/perform-carrier-requests"),
    import("@/lib/carrier/gateway"),
  ]);
} catch (error) {
  console.error("Could not load the query modules. Run with: npx tsx --conditions react-server scripts/bench.mts");
  throw error;
}
const [
  { createDb },
  search,
  { getCardPage },
  cards,
  { getCardLifecycle },
  { listRealNames },
  { listCardGoodwill, summariseGoodwill },
  reports,
  { listDailyLifecycle, listDailyReplacementFees },
  { classifySearch, searchTiers },
  { resolveRange },
  { addDays, hkDay },
  { renewCard },
  { performCarrierRequests },
  { simulatedCarrier },
] = modules;

const client = createDb(url, { max: 4, applicationName: "renewal-desk-bench" });
const db = client.db;

let server: ConsoleServer | undefined;
let baseUrl = args["base-url"] ? String(args["base-url"]) : "";
if (!baseUrl) {
  requireBuild();
  server = await startConsoleServer({ databaseUrl: url, port: await freePort(Number(args.port ?? 3190)) });
  baseUrl = server.baseUrl;
}

try {
  const cookie = await signIn(baseUrl, "supervisor@example.com", "renewal-desk-demo");
  const [size] = await client.sql<{ customers: number; cards: number; renewals: number; db: string }[]>`
    select (select count(*) from customers)::int as customers, (select count(*) from cards)::int as cards,
      (select count(*) from renewals)::int as renewals, pg_size_pretty(pg_database_size(current_database())) as db`;
  const label = `${size!.customers.toLocaleString("en")} customers`;
  console.log(
    `${label}, ${size!.cards.toLocaleString("en")} cards, ${size!.renewals.toLocaleString("en")} renewals, database ${size!.db}; ${runs} samples each after a warm-up.`,
  );

  const lookups = (text: string) => {
    const c = classifySearch(text);
    if (!c.ok) throw new Error(`${text} refused`);
    return c.lookups;
  };
  const resultsPage = async (text: string) => {
    const page = await search.searchHits({ lookups: lookups(text), limit: 25, countCap: 100 }, db);
    return search.describeHits(page.hits, {}, db);
  };
  // The usual pattern: one ILIKE over every text column, OFFSET paging, and a COUNT of everything.
  const peerSearch = async (text: string) => {
    const like = `%${text.replace(/\s+/g, "")}%`;
    const where = sql`(cu.name_en ilike ${`%${text}%`} or cu.name_zh ilike ${`%${text}%`} or cu.email ilike ${like} or n.msisdn ilike ${like})`;
    await db.execute(sql`select cu.id, c.id from customers cu join cards c on c.customer_id = cu.id
      join card_numbers n on n.card_id = c.id where ${where} order by cu.name_en, c.id offset 0 limit 25`);
    await db.execute(sql`select count(*) from customers cu join cards c on c.customer_id = cu.id
      join card_numbers n on n.card_id = c.id where ${where}`);
  };

  const now = new Date();
  const today = hkDay(now);
  const from3y = addDays(today, -Math.round(3 * 365.25) + 1);
  const range = resolveRange({ range: "custom", from: from3y, to: today, granularity: "month" }, today);

  const operations: {
    name: string;
    path: string;
    L: () => Promise<unknown>;
    P: () => Promise<unknown>;
    pRuns?: number;
  }[] = [
    {
      name: 'HK number "9123 4567" (redirect)',
      path: "/customers?q=9123%204567",
      L: () => search.searchHits({ lookups: searchTiers(lookups("9123 4567")).exact, limit: 25, countCap: 100 }, db),
      P: () => peerSearch("91234567"),
    },
    {
      name: "last 4 digits 4567",
      path: "/customers?q=4567",
      L: () => resultsPage("4567"),
      P: () => peerSearch("4567"),
    },
    {
      name: "Chinese name 2 chars 王伟",
      path: `/customers?q=${encodeURIComponent("王伟")}`,
      L: () => resultsPage("王伟"),
      P: () => peerSearch("王伟"),
    },
    {
      name: "Latin name wong wai",
      path: "/customers?q=wong%20wai",
      L: () => resultsPage("wong wai"),
      P: () => peerSearch("wong wai"),
    },
    {
      name: "email prefix chan.ka",
      path: "/customers?q=chan.ka",
      L: () => resultsPage("chan.ka"),
      P: () => peerSearch("chan.ka"),
    },
    {
      name: "card page (card 1)",
      path: "/customers/1/cards/1",
      L: () =>
        Promise.all([
          getCardPage({ customerId: 1, cardId: 1 }, db),
          cards.listCardRenewals({ cardId: 1, limit: 10 }, db),
          cards.listCardNotifications({ cardId: 1, limit: 10 }, db),
          cards.listCardAudit({ cardId: 1, limit: 15 }, db),
        ]),
      // One statement per panel, as the page did before getCardPage (thirteen).
      P: () =>
        Promise.all([
          cards.getCard({ customerId: 1, cardId: 1 }, db),
          cards.getCardPeriods({ cardId: 1 }, db),
          getCardLifecycle(1, db),
          listRealNames(1, db),
          listCardGoodwill(1, db),
          cards.listCardRenewals({ cardId: 1, limit: 10 }, db),
          cards.listCardNotifications({ cardId: 1, limit: 10 }, db),
          cards.listCardAudit({ cardId: 1, limit: 15 }, db),
        ]),
    },
    {
      name: "3-year report (supervisor)",
      path: `/reports?range=custom&from=${from3y}&to=${today}&granularity=month`,
      // Every statement of the page, side by side as it runs them.
      L: () =>
        Promise.all([
          reports.loadReport(
            { range, previous: range.previous, by: "plan", now, graceDays: 30 },
            { role: "supervisor" },
            db,
          ),
          listDailyLifecycle(range, db),
          listDailyReplacementFees(range, { role: "supervisor" }, db),
          summariseGoodwill(range, db),
        ]),
      // Volume and revenue grouped straight from the renewals of both ranges.
      P: () =>
        db.execute(sql`select (r.created_at at time zone 'Asia/Hong_Kong')::date, pv.plan_id, r.currency, r.card_state,
            count(*), sum(r.price_minor)
          from renewals r join plan_versions pv on pv.id = r.plan_version_id
          where r.status <> 'voided' and r.created_at >= ${range.previous.from}::date
          group by 1, 2, 3, 4`),
      pRuns: 3,
    },
  ];

  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const get = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });
    const body = await response.arrayBuffer();
    return { status: response.status, bytes: body.byteLength };
  };

  const results: Result[] = [];
  for (const op of operations) {
    const result: Result = { operation: op.name, F: [], A: [], L: [], P: [], bytes: 0, status: 0 };
    // Warm-up: plans, caches, the server's first render of the route.
    await get(op.path);
    await op.L();
    for (let i = 0; i < runs; i++) {
      result.F.push(await timed(() => get("/")));
      let page = { status: 0, bytes: 0 };
      result.A.push(await timed(async () => (page = await get(op.path))));
      result.bytes = page.bytes;
      result.status = page.status;
      result.L.push(await timed(op.L));
      if (i < Math.min(peerRuns, op.pRuns ?? runs)) result.P.push(await timed(op.P));
    }
    if (result.status >= 400) console.warn(`  ${op.name}: HTTP ${result.status}`);
    results.push(result);
    process.stdout.write(".");
  }
  printTable(results, `npm run bench — ${label}`);
  const renewals = args.renewals ? await renewalStage(Number(args.renewals)) : undefined;
  if (args.json) writeFileSync(String(args.json), JSON.stringify({ label, results, renewals }, null, 1));
} finally {
  await server?.stop();
  await client.close();
}

/** 16 agents renewing different cards at once: over HTTP (A), then through the mutation alone (L). */
async function renewalStage(perSide: number) {
  const agents = 16;
  const [plan] = await client.sql<{ id: number }[]>`
    select pv.id from plans p join plan_versions pv on pv.id = p.current_version_id
    where p.status = 'active' and pv.extension_mode = 'stack' order by pv.validity_days limit 1`;
  const staff = await client.sql<{ id: number }[]>`select id from staff where email = 'agent@example.com'`;
  // Active cards with headroom under the cap, each renewed once; the newest first, away from the demo's showcase.
  type PoolCard = { card_id: number; customer_id: number; msisdn: string };
  const pool: PoolCard[] = await client.sql<PoolCard[]>`
    select c.id as card_id, c.customer_id, n.msisdn from cards c
    join lateral (select msisdn from card_numbers where card_id = c.id and released_at is null order by region limit 1) n on true
    where c.suspended_at is null and c.replaced_at is null
      and c.validity_end between now() + interval '1 day' and now() + interval '200 days'
    order by c.id desc limit ${perSide * 2}`;
  if (!plan || !staff[0] || pool.length < perSide * 2)
    throw new Error("--renewals needs a seeded database with renewable cards");
  const actionId = serverActionId("renewCardAction");
  const cookies = await Promise.all(
    Array.from({ length: agents }, () => signIn(baseUrl, "agent@example.com", "renewal-desk-demo")),
  );
  const carrier = simulatedCarrier("ok");
  const confirm = (card: PoolCard) => {
    const key = crypto.randomUUID();
    return {
      customerId: card.customer_id,
      cardId: card.card_id,
      planVersionId: plan.id,
      method: "fps" as const,
      currency: "HKD" as const,
      reference: `BENCH${key.replaceAll("-", "").slice(0, 20).toUpperCase()}`,
      smsMsisdn: card.msisdn,
      smsLanguage: "en" as const,
      idempotencyKey: key,
    };
  };
  const side = async (cards: PoolCard[], renew: (card: PoolCard, agent: number) => Promise<void>) => {
    const queue = [...cards];
    const timings: number[] = [];
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: agents }, async (_, agent) => {
        for (let card = queue.shift(); card; card = queue.shift()) {
          const t0 = performance.now();
          try {
            await renew(card, agent);
            timings.push(performance.now() - t0);
          } catch {
            failures += 1;
          }
        }
      }),
    );
    return { timings, failures, perSecond: timings.length / ((performance.now() - started) / 1000) };
  };
  const A = await side(pool.slice(0, perSide), async (card, agent) => {
    const answer = await postRenewal(baseUrl, cookies[agent]!, actionId, confirm(card));
    if (answer.renewalId === null) throw new Error(`HTTP ${answer.status}${answer.refused ? " (refused)" : ""}`);
  });
  const L = await side(pool.slice(perSide), async (card) => {
    const { cardId, planVersionId, method, currency, reference, smsMsisdn, smsLanguage, idempotencyKey } =
      confirm(card);
    const { activationRequestId } = await renewCard(
      {
        cardId,
        planVersionId,
        method,
        currency,
        reference,
        smsMsisdn,
        smsLanguage,
        idempotencyKey,
        acknowledgeRecentRenewal: true,
      },
      staff[0]!,
      { graceDays: 30, capYears: 2 },
      db,
    );
    if (activationRequestId !== null) await performCarrierRequests([activationRequestId], staff[0]!, carrier, db);
  });
  const row = (name: string, r: typeof A) =>
    [
      name.padEnd(34),
      ms(pct(r.timings, 50)).padStart(7),
      ms(pct(r.timings, 95)).padStart(7),
      ms(pct(r.timings, 99)).padStart(7),
      r.perSecond.toFixed(0).padStart(11),
      String(r.failures).padStart(9),
    ].join(" ");
  console.log(`\nRenewals, ${agents} agents at once, ${perSide} each way:`);
  console.log(
    `${"".padEnd(34)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)} ${"renewals/s".padStart(11)} ${"failures".padStart(9)}`,
  );
  console.log(row("A over HTTP (confirm → receipt)", A));
  console.log(row("L the mutation alone (SQL floor)", L));
  console.log(`A's throughput is ${((100 * A.perSecond) / L.perSecond).toFixed(0)} % of the floor's.`);
  return { agents, A, L };
}
