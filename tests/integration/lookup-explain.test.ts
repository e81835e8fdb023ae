import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/db/admin";
import { createDb, type DbClient, type DbOrTx } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import {
  getCard,
  getCardPeriods,
  getCardSummaries,
  listCardAudit,
  listCardNotifications,
  listCardRenewals,
  listCustomerCards,
} from "@/db/queries/cards";
import { getCardPage } from "@/db/queries/card-page";
import { searchCustomers, searchHits, searchHitsQuery } from "@/db/queries/customer-search";
import { getCustomer } from "@/db/queries/customers";
import { getPaymentReceipt } from "@/db/queries/desk";
import { getRenewalReceipt } from "@/db/queries/renewals";
import { seedDemoData } from "@/db/seed";
import { classifySearch, searchTiers, type Lookup } from "@/lib/domain/search-classifier";

const CUSTOMERS = 100_000;
const NOW = new Date("2026-11-25T02:00:00Z");
// Tables that grow with the business; the plan catalog and staff stay small enough to scan.
const LARGE_TABLES = [
  "customers",
  "cards",
  "card_numbers",
  "renewals",
  "periods",
  "payments",
  "notifications",
  "stored_value_ledger",
  "audit_log",
];

let client: DbClient;
let dbName: string;
let card1Iccid: string;

beforeAll(async () => {
  dbName = `rd_lookup_explain_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(process.env.TEST_SERVER_URL!, dbName);
  const url = databaseUrl(process.env.TEST_SERVER_URL!, dbName);
  await migrateDatabase(url);
  const sqlClient = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // One month of history keeps the load quick; the lookup tables are full size.
    await seedDemoData(sqlClient, { customers: CUSTOMERS, months: 1, now: NOW });
    // An audit log the size of the renewal history, so its index has to earn its keep.
    await sqlClient`insert into audit_log (action, entity_type, entity_id, created_at)
      select 'renewal.activate', 'renewal', id::text, created_at from renewals
      union all select 'card.renew', 'card', id::text, created_at from cards`;
    await sqlClient`analyze`;
    const [card1] = await sqlClient<{ iccid: string }[]>`select iccid from cards where id = 1`;
    card1Iccid = card1!.iccid;
  } finally {
    await sqlClient.end();
  }
  client = createDb(url, { max: 2 });
}, 600_000);

afterAll(async () => {
  await client?.close();
  if (dbName) await dropDatabase(process.env.TEST_SERVER_URL!, dbName);
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(query: SQL): Promise<PlanNode[]> {
  const [row] = await client.db.execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(sql`explain (format json) ${query}`);
  return nodes(row!["QUERY PLAN"][0].Plan);
}

function expectIndexedPlan(plan: PlanNode[]) {
  const seqScans = plan.filter((n) => n["Node Type"] === "Seq Scan" && LARGE_TABLES.includes(n["Relation Name"] ?? ""));
  expect(seqScans.map((n) => n["Relation Name"])).toEqual([]);
  expect(plan.some((n) => n["Index Name"])).toBe(true);
}

/** Sequential scans a read caused, counted by PostgreSQL inside one transaction. */
async function seqScansDuring(read: (tx: DbOrTx) => Promise<unknown>): Promise<string[]> {
  return client.db.transaction(async (tx) => {
    await read(tx);
    const rows = await tx.execute<{ relname: string }>(
      sql`select relname from pg_stat_xact_user_tables where seq_scan > 0 and relname in ${sql.raw(`(${LARGE_TABLES.map((t) => `'${t}'`).join(", ")})`)}`,
    );
    return rows.map((r) => r.relname);
  });
}

function lookupsOf(text: string): Lookup[] {
  const classified = classifySearch(text);
  if (!classified.ok) throw new Error(`${text} was refused`);
  return classified.lookups;
}

const paths: [kind: string, text: () => string][] = [
  ["HK number", () => "+852 9123 4567"],
  ["HK number typed bare (number, fragments)", () => "9123 4567"],
  ["mainland number", () => "+86 138 1234 5678"],
  ["last 4 digits", () => "4567"],
  ["number fragment", () => "12345"],
  ["number or ICCID fragment", () => "234567"],
  ["whole ICCID", () => card1Iccid],
  ["ICCID fragment", () => card1Iccid.slice(6, 16)],
  ["Chinese name, one character", () => "陈"],
  ["Chinese name, two characters", () => "王伟"],
  ["Chinese name, three characters", () => "陈嘉欣"],
  ["Traditional Chinese name, one character", () => "陳"],
  ["Traditional Chinese name, two characters", () => "王偉"],
  ["Traditional Chinese name, three characters", () => "陳嘉欣"],
  ["Latin name", () => "Wong Wai"],
  ["Latin name, accents", () => "Émilie"],
  ["Latin name, two letters", () => "Ng"],
  ["email", () => "wong.wai@example.com"],
  ["email beginning", () => "wong.wai"],
  ["customer or card id", () => "#6"],
  ["customer id", () => "C6"],
  ["card id", () => "card 6"],
  ["ticket reference (or email beginning)", () => "ZD-48213"],
  ["ticket reference, said so", () => "ticket 48213"],
];

describe(`on ${CUSTOMERS.toLocaleString("en")} customers, every lookup path uses an index`, () => {
  it.each(paths)("%s", async (_kind, text) => {
    const lookups = lookupsOf(text());
    // Each tier is its own statement (exact identifiers, then partial ones), with the capped count inside.
    const { exact, partial } = searchTiers(lookups);
    for (const tier of [exact, partial].filter((t) => t.length)) {
      expectIndexedPlan(await explain(searchHitsQuery(tier, null, 26, 100)));
      // A later page starts from its cursor, not from the top.
      expectIndexedPlan(await explain(searchHitsQuery(tier, [2, 50_000, 60_000], 26, 100)));
    }
    expect(
      await seqScansDuring(async (tx) => {
        const page = await searchHits({ lookups, limit: 25, countCap: 100 }, tx);
        await searchCustomers({ lookups, limit: 25, now: NOW }, tx);
        return page;
      }),
    ).toEqual([]);
  });

  it("finds the showcase customer by number, name and ICCID at this size", async () => {
    for (const text of ["9123 4567", card1Iccid, "wong.wai@example.com"]) {
      const { items } = await searchCustomers({ lookups: lookupsOf(text), limit: 25, now: NOW }, client.db);
      expect(items[0]).toMatchObject({ rank: 0, customerId: 1, cardId: 1 });
    }
  });

  it("the customer and card pages read through indexes only", async () => {
    expect(
      await seqScansDuring(async (tx) => {
        await getCustomer(6, tx);
        await listCustomerCards({ customerId: 6, limit: 50, now: NOW }, tx);
        await getCard({ customerId: 1, cardId: 1 }, tx);
        await getCardPage({ customerId: 1, cardId: 1, now: NOW }, tx);
        await getCardSummaries([1, 2, 3, 4], { now: NOW }, tx);
        await getCardPeriods({ cardId: 1, now: NOW }, tx);
        const renewals = await listCardRenewals({ cardId: 1, limit: 10 }, tx);
        await listCardRenewals({ cardId: 1, afterRenewalId: renewals.items[0]!.id, limit: 10 }, tx);
        await listCardNotifications({ cardId: 1, limit: 10 }, tx);
        await listCardAudit({ cardId: 1, limit: 15 }, tx);
        await listCardAudit({ cardId: 1, afterId: 1_000_000, limit: 15 }, tx);
      }),
    ).toEqual([]);
  });

  it("a receipt reads through indexes only, its messages too", async () => {
    const [latest] = await client.db.execute<{ id: number }>(
      sql`select renewal_id as id from notifications where renewal_id is not null order by id desc limit 1`,
    );
    expect(await seqScansDuring((tx) => getRenewalReceipt(latest!.id, tx))).toEqual([]);
  });

  it("a top-up's receipt finds its ledger row through an index", async () => {
    const [topUp] = await client.db.execute<{ id: number }>(
      sql`select id from payments where purpose = 'top_up' order by id desc limit 1`,
    );
    expect(await seqScansDuring((tx) => getPaymentReceipt(topUp!.id, tx))).toEqual([]);
  });
});
