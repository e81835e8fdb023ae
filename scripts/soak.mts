/**
 * `npm run soak`: two `next start` instances on one PostgreSQL, 16 simulated
 * agents driving a bounded mix of searches, card views and renewals against
 * both (localhost only), one instance killed and PostgreSQL restarted
 * mid-run; then proof that nothing was lost or doubled:
 *
 * - every acknowledged renewal is in the database exactly once (its payment
 *   reference, unique per attempt and reused by its retries, appears once);
 * - the rollups (daily and each chart's grain) match the raw rows;
 * - no payment without its renewal;
 * - the outbox drains (every queued SMS sent once the carrier activated).
 *
 * It runs its own embedded PostgreSQL (data under .data/soak-postgres, a
 * fresh database each run) and needs a production build (npm run build).
 * Exits 1 when a check fails. Prints the load held and the errors seen.
 *
 *   npm run soak -- [--seconds 90] [--agents 16] [--customers 5000]
 */
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { databaseUrl, ensureDatabase, dropDatabase } from "@/db/admin";
import { createDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { compareCountRollups, compareGrainRollups, compareRollup } from "@/db/queries/rollup-check";
import { seedDemoData } from "@/db/seed";
import { hkDay } from "@/lib/domain/time";
import { parseArgs } from "./lib/args.mts";
import {
  postRenewal,
  requireBuild,
  serverActionId,
  signIn,
  startConsoleServer,
  type ConsoleServer,
} from "./lib/console-server.mts";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres.mts";

const args = parseArgs(process.argv.slice(2), { seconds: "string", agents: "string", customers: "string" });
const seconds = Number(args.seconds ?? 90);
const agents = Number(args.agents ?? 16);
const customers = Number(args.customers ?? 5000);
const say = (message: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}`);

requireBuild();
const pgPort = await freePort(55470);
const dataDir = path.resolve(".data", "soak-postgres");
let pg: RunningPostgres = await startEmbeddedPostgres({ dataDir, port: pgPort, log: say });
const dbName = `soak_${randomBytes(3).toString("hex")}`;
await ensureDatabase(pg.serverUrl, dbName);
const url = databaseUrl(pg.serverUrl, dbName);
say(`PostgreSQL on ${pgPort}; migrating and seeding ${customers.toLocaleString("en")} customers into ${dbName} …`);
await migrateDatabase(url);
{
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await seedDemoData(sql, { customers });
  await sql.end();
}

const check = createDb(url, { max: 2, applicationName: "renewal-desk-soak" });
// Cards that may be renewed many times over (active, not suspended, a year of headroom under the cap).
const pool = await check.sql<{ card_id: number; customer_id: number; msisdn: string; q: string }[]>`
  select c.id as card_id, c.customer_id, n.msisdn, right(n.msisdn, 4) as q
  from cards c join card_numbers n on n.card_id = c.id and n.released_at is null
  where c.suspended_at is null and c.replaced_at is null and c.validity_end between now() and now() + interval '60 days'
  order by c.id limit 2000`;
const [plan] = await check.sql<{ id: number }[]>`
  select pv.id from plans p join plan_versions pv on pv.id = p.current_version_id
  where p.status = 'active' and pv.validity_days <= 31 order by pv.price_hkd_minor limit 1`;
await check.close();
if (!plan || pool.length < agents) throw new Error("the seed has no renewable cards or no monthly plan");
const actionId = serverActionId("renewCardAction");

const authSecret = randomBytes(32).toString("base64url");
// Workers on in both: the carrier activates renewals and the SMS outbox must drain.
const workers = { SMS_WORKER: "on", CARRIER_WORKER: "on", GOODWILL_WORKER: "on" };
const ports = [await freePort(3260), await freePort(3261)];
const servers: (ConsoleServer | null)[] = await Promise.all(
  ports.map((port) => startConsoleServer({ databaseUrl: url, port, authSecret, env: workers })),
);
const bases = servers.map((s) => s!.baseUrl);
const cookies = await Promise.all(
  Array.from({ length: agents }, (_, i) => signIn(bases[i % 2]!, "agent@example.com", "renewal-desk-demo")),
);
say(`two instances (${bases.join(", ")}), ${agents} agents signed in; ${seconds} s of load`);

type Kind = "search" | "card" | "renewal";
const stats: Record<Kind, { ok: number; refused: number; errors: number; ms: number[] }> = {
  search: { ok: 0, refused: 0, errors: 0, ms: [] },
  card: { ok: 0, refused: 0, errors: 0, ms: [] },
  renewal: { ok: 0, refused: 0, errors: 0, ms: [] },
};
const errorKinds = new Map<string, number>();
const acknowledged: { key: string; reference: string; renewalId: number }[] = [];
const attempted = new Set<string>();
const note = (what: string) => errorKinds.set(what, (errorKinds.get(what) ?? 0) + 1);

async function request(base: string, cookie: string, pathName: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${pathName}`, {
    ...init,
    redirect: "manual",
    headers: { cookie, ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, text };
}

/** One renewal as the browser's confirm sends it, retried with the same key (and reference) on any failure. */
async function renew(agent: number, card: (typeof pool)[number]) {
  const key = randomUUID();
  const reference = `SOAK${key.replaceAll("-", "").slice(0, 20).toUpperCase()}`;
  attempted.add(reference);
  for (let attempt = 0; attempt < 8; attempt++) {
    // Every retry goes to the other instance, as a load balancer would after a failure.
    const base = bases[(agent + attempt) % 2]!;
    try {
      const answer = await postRenewal(base, cookies[agent]!, actionId, {
        customerId: card.customer_id,
        cardId: card.card_id,
        planVersionId: plan!.id,
        method: "fps",
        currency: "HKD",
        reference,
        smsMsisdn: card.msisdn,
        smsLanguage: "en",
        idempotencyKey: key,
      });
      if (answer.renewalId !== null) {
        acknowledged.push({ key, reference, renewalId: answer.renewalId });
        return "ok";
      }
      if (answer.refused) return "refused";
      note(`renewal HTTP ${answer.status}`);
    } catch (error) {
      note(`renewal ${(error as Error).name}: ${(error as Error).message.slice(0, 60)}`);
    }
    await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
  }
  return "error";
}

const deadline = Date.now() + seconds * 1000;
async function agentLoop(agent: number) {
  let n = 0;
  while (Date.now() < deadline) {
    const card = pool[(agent * 131 + n * 17) % pool.length]!;
    const roll = n++ % 10;
    const kind: Kind = roll < 5 ? "search" : roll < 8 ? "card" : "renewal";
    const base = bases[agent % 2]!;
    const started = performance.now();
    let outcome: "ok" | "refused" | "error" = "ok";
    try {
      if (kind === "renewal") outcome = await renew(agent, card);
      else {
        const pathName =
          kind === "search" ? `/customers?q=${card.q}` : `/customers/${card.customer_id}/cards/${card.card_id}`;
        const response = await request(base, cookies[agent]!, pathName);
        if (response.status >= 400) {
          outcome = "error";
          note(`${kind} HTTP ${response.status}`);
        }
      }
    } catch (error) {
      outcome = "error";
      note(`${kind} ${(error as Error).name}`);
    }
    stats[kind][outcome === "ok" ? "ok" : outcome === "refused" ? "refused" : "errors"]++;
    stats[kind].ms.push(performance.now() - started);
    // A person reads between clicks: a bounded load, not a flood.
    await new Promise((r) => setTimeout(r, 50 + ((agent * 7 + n) % 5) * 20));
  }
}

const faults = (async () => {
  await new Promise((r) => setTimeout(r, (seconds * 1000) / 3));
  say("fault: killing instance B (SIGKILL)");
  const victim = servers[1]!;
  process.kill(-victim.child.pid!, "SIGKILL");
  servers[1] = null;
  await new Promise((r) => setTimeout(r, 5000));
  say("restarting instance B");
  servers[1] = await startConsoleServer({ databaseUrl: url, port: ports[1]!, authSecret, env: workers });
  await new Promise((r) => setTimeout(r, (seconds * 1000) / 3 - 5000));
  say("fault: restarting PostgreSQL (fast shutdown: open transactions roll back)");
  await pg.stop();
  await new Promise((r) => setTimeout(r, 2000));
  pg = await startEmbeddedPostgres({ dataDir, port: pgPort, log: say });
  say("PostgreSQL is back");
})();

const loadStarted = performance.now();
const loadStartedAt = new Date();
await Promise.all([...Array.from({ length: agents }, (_, i) => agentLoop(i)), faults]);
const loadSeconds = (performance.now() - loadStarted) / 1000;

const failures: string[] = [];
try {
  say("load over; waiting for the outbox to drain …");
  const db = createDb(url, { max: 2, applicationName: "renewal-desk-soak-check" });
  // The soak's own messages: the demo seed holds one SMS on purpose (card 7's activation the carrier refused).
  let pending = -1;
  for (let i = 0; i < 90; i++) {
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from notifications where status = 'pending' and created_at >= ${loadStartedAt.toISOString()}::timestamptz`;
    pending = row!.n;
    if (pending === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (pending !== 0) {
    failures.push(`${pending} notifications still pending after 90 s`);
    // What the engineer on call would look at first: each held message's renewal and its carrier request.
    const held = await db.sql`
      select n.id, n.kind, n.renewal_id, n.attempts, r.status as renewal, q.status as carrier, q.attempts as carrier_attempts,
        q.next_attempt_at, left(q.last_error, 80) as last_error
      from notifications n
      left join renewals r on r.id = n.renewal_id
      left join carrier_requests q on q.renewal_id = n.renewal_id and q.kind = 'activate'
      where n.status = 'pending' and n.created_at >= ${loadStartedAt.toISOString()}::timestamptz
      order by n.id limit 10`;
    for (const row of held) console.log(`  held: ${JSON.stringify(row)}`);
  }

  const references = [...attempted];
  const rows = await db.sql<{ reference: string; renewal_id: number; n: number }[]>`
    select reference, min(renewal_id)::int as renewal_id, count(*)::int as n from payments
    where reference = any(${references}) group by reference`;
  const byReference = new Map(rows.map((r) => [r.reference, r]));
  const lost = acknowledged.filter((a) => byReference.get(a.reference)?.renewal_id !== a.renewalId);
  const doubled = rows.filter((r) => r.n !== 1);
  if (lost.length) failures.push(`${lost.length} acknowledged renewals not in the database as acknowledged`);
  if (doubled.length) failures.push(`${doubled.length} payment references recorded more than once`);
  const [orphans] = await db.sql<{ n: number }[]>`
    select count(*)::int as n from payments p where p.purpose = 'renewal'
      and not exists (select 1 from renewals r where r.id = p.renewal_id)`;
  if (orphans!.n) failures.push(`${orphans!.n} payments without their renewal`);
  const range = { from: hkDay(new Date(Date.now() - 2 * 86_400_000)), to: hkDay(new Date()) };
  const daily = await compareRollup(range, db.db);
  const grain = await compareGrainRollups(range, db.db);
  const counts = await compareCountRollups(range, db.db);
  if (daily.length || grain.length || counts.length)
    failures.push(`rollups differ from raw rows in ${daily.length + grain.length + counts.length} buckets`);
  const committedUnacknowledged = rows.length - acknowledged.length;

  const pct = (values: number[], p: number) =>
    values.length ? [...values].sort((a, b) => a - b)[Math.floor((p / 100) * (values.length - 1))]!.toFixed(0) : "—";
  console.log(`\nLoad held: ${loadSeconds.toFixed(0)} s, ${agents} agents against 2 instances on one PostgreSQL`);
  for (const [kind, s] of Object.entries(stats)) {
    const total = s.ok + s.refused + s.errors;
    console.log(
      `  ${kind.padEnd(8)} ${String(total).padStart(6)} done (${(total / loadSeconds).toFixed(1)}/s): ${s.ok} ok, ${s.refused} refused by a rule, ${s.errors} failed${kind === "renewal" ? " after retries" : " (a read is not retried)"}; p50 ${pct(s.ms, 50)} ms, p95 ${pct(s.ms, 95)} ms, p99 ${pct(s.ms, 99)} ms`,
    );
  }
  console.log(`Errors seen (a renewal retries with its key on the other instance; reads are counted as they fail):`);
  for (const [what, n] of [...errorKinds].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(5)}  ${what}`);
  if (errorKinds.size === 0) console.log("  none");
  console.log(`Checks:`);
  console.log(
    `  acknowledged renewals: ${acknowledged.length}, each in the database once: ${lost.length === 0 && doubled.length === 0 ? "yes" : "NO"}`,
  );
  console.log(
    `  committed but never acknowledged (response lost to a fault, not retried to success): ${committedUnacknowledged}`,
  );
  console.log(`  payments without a renewal: ${orphans!.n}`);
  console.log(
    `  rollups equal to raw rows (${range.from} … ${range.to}): ${daily.length + grain.length === 0 ? "yes" : "NO"}`,
  );
  console.log(`  outbox drained: ${pending === 0 ? "yes" : `NO (${pending} pending)`}`);
  await db.close();
} finally {
  for (const server of servers) await server?.stop();
  await dropDatabase(pg.serverUrl, dbName).catch(() => {});
  await pg.stop();
}
if (failures.length) {
  console.log(`\nFAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("\nNothing lost or doubled.");
