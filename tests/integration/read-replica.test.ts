import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/db/admin";
import { createDb, type DbClient } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { classifySearch } from "@/lib/domain/search-classifier";
import { createCustomerWithCard, createPlan } from "../helpers/factories";

// A second database stands in for the replica: rows written only there can only be read from there.
let replicaName: string;
let replica: DbClient;

beforeAll(async () => {
  replicaName = `rd_replica_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(process.env.TEST_SERVER_URL!, replicaName);
  const url = databaseUrl(process.env.TEST_SERVER_URL!, replicaName);
  await migrateDatabase(url);
  replica = createDb(url, { max: 1 });
  process.env.DATABASE_READ_URL = url;
  vi.resetModules();
});

afterAll(async () => {
  // db/index.ts keeps its pools on globalThis.
  await (globalThis as { renewalDeskReadDb?: DbClient }).renewalDeskReadDb?.close();
  delete process.env.DATABASE_READ_URL;
  await replica?.close();
  if (replicaName) await dropDatabase(process.env.TEST_SERVER_URL!, replicaName);
});

describe("with DATABASE_READ_URL set", () => {
  it("search reads from the replica", async () => {
    const { customerId } = await createCustomerWithCard(replica.db, { nameEn: "Replicaonly Person" });
    const { searchCustomers } = await import("@/db/queries/customer-search");
    const search = classifySearch("Replicaonly");
    if (!search.ok) throw new Error("refused");
    const { items } = await searchCustomers({ lookups: search.lookups, limit: 5 });
    expect(items.map((i) => i.customerId)).toEqual([customerId]);
  });

  it("reports read from the replica", async () => {
    const { planId } = await createPlan(replica.db);
    await replica.sql`insert into renewal_day_plan (day, plan_id, slot, renewals) values ('2021-03-04', ${planId}, 0, 7)`;
    const { listRenewalVolume } = await import("@/db/queries/reports");
    expect(await listRenewalVolume({ from: "2021-03-04", to: "2021-03-04" }, "plan")).toEqual([
      { day: "2021-03-04", key: String(planId), renewals: 7 },
    ]);
  });
});
