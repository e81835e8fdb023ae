/**
 * Renewal latency as an agent's confirm experiences it on the server: the
 * renewal transaction plus carrier activation (simulated), for 1 and 16
 * concurrent agents, each renewing different cards.
 *
 *   DATABASE_URL=… npx tsx --conditions react-server scripts/bench-renewal.mts [--renewals 400]
 *
 * It writes real renewals (cash payments) into that database: point it at a
 * benchmark copy, never at production.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createDb } from "@/db/client";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { renewCard } from "@/db/mutations/renew-card";
import { simulatedCarrier } from "@/lib/carrier/gateway";
import { parseArgs } from "./lib/args.mts";
import { requireDatabaseUrl } from "./lib/database-url.mts";

const args = parseArgs(process.argv.slice(2), { renewals: "string", concurrency: "string" });
const url = requireDatabaseUrl("a benchmark database (it writes real renewals: use a copy)");
const perLevel = Number(args.renewals ?? 400);
const levels = String(args.concurrency ?? "1,16")
  .split(",")
  .map(Number);
const client = createDb(url, { max: Math.max(...levels) + 2, applicationName: "bench-renewal" });
const { sql, db } = client;

const [plan] = await sql<{ id: number }[]>`
  select pv.id from plans p join plan_versions pv on pv.id = p.current_version_id
  where p.status = 'active' and pv.extension_mode = 'stack' order by pv.validity_days limit 1`;
// Each simulated agent is a different staff member, as at a real desk (their sales land in different rollup rows).
const agents = await sql<{ id: number }[]>`select id from staff where disabled_at is null order by id limit 16`;
if (!plan || agents.length === 0)
  throw new Error("The database needs an active stack plan and an agent (seed it first).");
const needed = perLevel * levels.length;
// Active cards far enough from the cap, each used once.
const cards = await sql<{ id: number; msisdn: string }[]>`
  select c.id, n.msisdn from cards c
  join lateral (select msisdn from card_numbers where card_id = c.id and released_at is null order by region limit 1) n on true
  where c.suspended_at is null and c.validity_end between now() + interval '1 day' and now() + interval '200 days'
  order by c.id desc limit ${needed}`;
if (cards.length < needed) throw new Error(`Only ${cards.length} renewable cards; need ${needed}.`);

const carrier = simulatedCarrier("ok");
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

console.log(`Renewal benchmark: ${perLevel} renewals per level, plan version ${plan.id}, ${new Date().toISOString()}`);
console.log("agents  p50 ms  p95 ms  p99 ms  max ms  renewals/s");
let offset = 0;
for (const concurrency of levels) {
  const queue = cards.slice(offset, offset + perLevel);
  offset += perLevel;
  const timings: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const agent = agents[worker % agents.length]!;
      for (let card = queue.shift(); card; card = queue.shift()) {
        const t0 = performance.now();
        const { activationRequestId } = await renewCard(
          {
            idempotencyKey: randomUUID(),
            cardId: card.id,
            planVersionId: plan.id,
            method: "cash",
            currency: "HKD",
            reference: null,
            smsMsisdn: card.msisdn,
            smsLanguage: "zh-Hant",
            acknowledgeRecentRenewal: true,
          },
          agent,
          { graceDays: 30, capYears: 2 },
          db,
        );
        if (activationRequestId !== null) await performCarrierRequests([activationRequestId], agent, carrier, db);
        timings.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = timings.sort((a, b) => a - b);
  const row = [concurrency, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.at(-1)!].map(
    (v, i) => (i === 0 ? String(v).padStart(6) : v.toFixed(1).padStart(7)),
  );
  console.log(`${row.join(" ")}  ${(timings.length / seconds).toFixed(0).padStart(10)}`);
}
await client.close();
