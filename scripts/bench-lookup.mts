/**
 * Times each kind of customer lookup the way the results page runs it (one
 * page of 25 and its capped count in one statement, then its card lines) against DATABASE_URL,
 * and prints p50 and p95 per kind. Identifiers are sampled from the database
 * itself, so the figures mean something at any size:
 *
 *   DATABASE_URL=postgres://… npx tsx --conditions react-server scripts/bench-lookup.mts [--samples 40]
 *
 * (`--conditions react-server` lets the server-only data layer load outside Next.)
 */
import { performance } from "node:perf_hooks";
import { createDb } from "@/db/client";
import { describeHits, searchHits } from "@/db/queries/customer-search";
import { classifySearch } from "@/lib/domain/search-classifier";
import { parseArgs } from "./lib/args.mts";
import { requireDatabaseUrl } from "./lib/database-url.mts";

const args = parseArgs(process.argv.slice(2), { samples: "string" });
const samples = Number(args.samples ?? 40);
const url = requireDatabaseUrl("the database to measure");

const { db, sql, close } = createDb(url, { max: 1, applicationName: "renewal-desk-bench" });

interface Sample {
  hk: string | null;
  cn: string | null;
  iccid: string;
  customer_id: number;
  name_zh: string | null;
  name_en: string | null;
  email: string | null;
}

// A repeatable sample of cards and their customers, spread over the id range.
const [range] = await sql<{ max: number }[]>`select coalesce(max(id), 0)::int as max from cards`;
const max = range?.max ?? 0;
const rows = await sql<Sample[]>`
  select c.iccid, c.customer_id, cu.name_zh, cu.name_en, cu.email,
    (select substr(msisdn, 5) from card_numbers where card_id = c.id and region = 'HK' limit 1) as hk,
    (select substr(msisdn, 4) from card_numbers where card_id = c.id and region = 'CN' limit 1) as cn
  from generate_series(1, ${samples * 4}) g
  join cards c on c.id = 1 + ((g::bigint * 2654435761) % ${Math.max(1, max)})
  join customers cu on cu.id = c.customer_id`;

const pick = <T,>(values: (T | null | undefined)[]) =>
  values.filter((v): v is T => v !== null && v !== undefined).slice(0, samples);
const zh = rows.map((r) => r.name_zh).filter((n): n is string => !!n && !/有限公司$/.test(n));

const kinds: [string, string[]][] = [
  ["HK number (9123 4567)", pick(rows.map((r) => r.hk && `${r.hk.slice(0, 4)} ${r.hk.slice(4)}`))],
  [
    "mainland number (+86 …)",
    pick(rows.map((r) => r.cn && `+86 ${r.cn.slice(0, 3)} ${r.cn.slice(3, 7)} ${r.cn.slice(7)}`)),
  ],
  ["last 4 digits", pick(rows.map((r) => r.hk?.slice(-4)))],
  ["ICCID, whole", pick(rows.map((r) => r.iccid))],
  ["ICCID fragment (8 digits)", pick(rows.map((r) => r.iccid.slice(9, 17)))],
  ["Chinese name, 1 character", pick(zh.map((n) => [...n][0]))],
  ["Chinese name, 2 characters", pick(zh.map((n) => [...n].slice(0, 2).join("")))],
  ["Chinese name, 3+ characters", pick(zh.filter((n) => [...n].length >= 3))],
  ["Latin name", pick(rows.map((r) => r.name_en))],
  ["email beginning", pick(rows.map((r) => r.email?.split("@")[0]?.slice(0, 8)))],
  ["customer or card id (#id)", pick(rows.map((r) => `#${r.customer_id}`))],
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function lookup(text: string): Promise<number> {
  const classified = classifySearch(text);
  if (!classified.ok) throw new Error(`sampled query ${JSON.stringify(text)} was refused: ${classified.reason}`);
  // As the results page runs it: hits with their capped count in one statement, then the page's card lines.
  const page = await searchHits({ lookups: classified.lookups, limit: 25, countCap: 100 }, db);
  return (await describeHits(page.hits, {}, db)).length;
}

const [size] = await sql<{ customers: number; cards: number }[]>`
  select (select count(*) from customers)::int as customers, (select count(*) from cards)::int as cards`;
console.log(
  `Lookup latency on ${size!.customers.toLocaleString("en")} customers and ${size!.cards.toLocaleString("en")} cards, ${samples} sampled queries per kind`,
);
console.log("(one results page of 25 with card lines, plus the count capped at 100; one connection, warm cache)\n");
console.log(
  `${"kind".padEnd(30)} ${"n".padStart(4)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} ${"rows p50".padStart(9)}`,
);

for (const [kind, queries] of kinds) {
  if (queries.length === 0) {
    console.log(`${kind.padEnd(30)} no samples in this database`);
    continue;
  }
  for (const text of queries.slice(0, 3)) await lookup(text);
  const times: number[] = [];
  const found: number[] = [];
  for (const text of queries) {
    const started = performance.now();
    found.push(await lookup(text));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  found.sort((a, b) => a - b);
  console.log(
    `${kind.padEnd(30)} ${String(times.length).padStart(4)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)} ${String(percentile(found, 50)).padStart(9)}`,
  );
}

await close();
