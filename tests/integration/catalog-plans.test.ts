import { asc, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, PreconditionError } from "@/db/errors";
import { changePlanStatus } from "@/db/mutations/change-plan-status";
import { createPlan } from "@/db/mutations/create-plan";
import { deletePlan } from "@/db/mutations/delete-plan";
import { updatePlan } from "@/db/mutations/update-plan";
import { listEntityActivity } from "@/db/queries/audit-trail";
import {
  countCardsOnPlanVersionsNow,
  countRecentRenewalsByPlan,
  getPlan,
  listPlans,
  listPlanVersions,
} from "@/db/queries/plans";
import { listSellablePlans } from "@/db/queries/plans";
import { auditLog, periods, plans, planVersions, renewalDailyStats, renewals } from "@/db/schema";
import type { PlanTerms, UpdatePlanInput } from "@/lib/validation/plans";
import { createDb, type Db } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { addDays, hkDay, hkEndOfDay } from "@/lib/domain/time";
import { testDb, withFreshDatabase } from "../helpers/db";
import {
  createCatalogPlan,
  createRenewal,
  createStaff,
  defaultTerms,
  planInput,
  uniqueSuffix,
} from "../helpers/factories";
import { auditTrail } from "../helpers/audit-trail";
import { raceAtAudit } from "../helpers/race";

async function admin(db: Db, name = "Catalog Admin") {
  return createStaff(db, { role: "admin", name: `${name} ${uniqueSuffix()}` });
}

const auditFor = (db: Db, id: number) => auditTrail(db, "plan", id);

async function versionsOf(db: Db, planId: number) {
  return db.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(asc(planVersions.version));
}

async function planRow(db: Db, planId: number) {
  const [row] = await db.select().from(plans).where(eq(plans.id, planId));
  return row;
}

function editOf(
  plan: NonNullable<Awaited<ReturnType<typeof getPlan>>>,
  changes: Partial<Omit<UpdatePlanInput, "terms">> & { terms?: Partial<PlanTerms> } = {},
): UpdatePlanInput {
  return {
    planId: plan.id,
    lockVersion: plan.lockVersion,
    nameEn: plan.nameEn,
    nameZh: plan.nameZh,
    nameZhHant: plan.nameZhHant,
    sortOrder: plan.sortOrder,
    ...changes,
    terms: { ...plan.terms!, ...changes.terms },
  };
}

describe("createPlan", () => {
  it("creates a draft at version 1 and audits what it created", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const input = planInput({ terms: { dataCnMb: 1536, priceHkdMinor: 12_345 } });
    const { planId } = await createPlan(input, actor.id, db);

    const plan = await getPlan(planId, db);
    expect(plan).toMatchObject({
      code: input.code,
      status: "draft",
      lockVersion: 1,
      version: 1,
      terms: { ...input.terms, dataCnMb: 1536, priceHkdMinor: 12_345 },
    });
    expect(await auditFor(db, planId)).toEqual([
      {
        action: "plan.create",
        actor: actor.id,
        before: null,
        after: {
          code: input.code,
          nameEn: input.nameEn,
          nameZh: input.nameZh,
          nameZhHant: input.nameZhHant,
          status: "draft",
          sortOrder: 100,
          version: 1,
          terms: input.terms,
        },
      },
    ]);
    expect((await listSellablePlans(db)).some((p) => p.planId === planId)).toBe(false);
  });

  it("refuses a duplicate code on the code field and writes nothing", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const { code } = await createCatalogPlan(db, actor.id);
    const auditBefore = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.actorStaffId, actor.id));

    const refusal = await createPlan(planInput({ code }), actor.id, db).catch((e) => e);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({ code: "plans.errors.codeTaken", field: "code" });

    expect(await db.select({ id: plans.id }).from(plans).where(eq(plans.code, code))).toHaveLength(1);
    expect(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(eq(auditLog.actorStaffId, actor.id)),
    ).toEqual(auditBefore);
  });
});

describe("updatePlan", () => {
  it("makes a new version for a price change and leaves every past renewal at its own version and price", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const seller = await createStaff(db);
    const { planId } = await createCatalogPlan(db, actor.id);
    const before = (await getPlan(planId, db))!;
    const sold = await createRenewal(db, {
      planVersionId: before.versionId!,
      soldBy: seller.id,
      priceMinor: before.terms!.priceHkdMinor,
    });

    const result = await updatePlan(editOf(before, { terms: { priceHkdMinor: 10_800 } }), actor.id, db);
    expect(result).toEqual({ planId, changed: true, newVersion: 2 });

    const versions = await versionsOf(db, planId);
    expect(versions.map((v) => [v.version, v.priceHkdMinor, v.createdBy])).toEqual([
      [1, 9800, actor.id],
      [2, 10_800, actor.id],
    ]);
    // The old version is exactly as it was sold.
    expect(versions[0]).toMatchObject({ id: before.versionId, ...defaultTerms });
    const after = (await getPlan(planId, db))!;
    expect(after).toMatchObject({
      versionId: versions[1]!.id,
      version: 2,
      terms: { priceHkdMinor: 10_800 },
      lockVersion: before.lockVersion + 1,
    });

    const [renewal] = await db
      .select({ priceMinor: renewals.priceMinor, planVersionId: renewals.planVersionId })
      .from(renewals)
      .where(eq(renewals.id, sold.id));
    expect(renewal).toEqual({ priceMinor: 9800, planVersionId: before.versionId });

    // What agents sell from now is the new version.
    const sellable = (await listSellablePlans(db)).find((p) => p.planId === planId);
    expect(sellable).toMatchObject({ planVersionId: versions[1]!.id, version: 2, priceHkdMinor: 10_800 });

    const audit = await auditFor(db, planId);
    expect(audit.at(-1)).toEqual({
      action: "plan.update",
      actor: actor.id,
      before: { version: 1, priceHkdMinor: 9800 },
      after: { version: 2, priceHkdMinor: 10_800 },
    });
  });

  it("changes names and sort order in place, without a new version", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const { planId } = await createCatalogPlan(db, actor.id);
    const before = (await getPlan(planId, db))!;

    const result = await updatePlan(editOf(before, { nameEn: "Renamed plan", sortOrder: 5 }), actor.id, db);
    expect(result).toEqual({ planId, changed: true, newVersion: null });
    expect(await versionsOf(db, planId)).toHaveLength(1);
    expect(await getPlan(planId, db)).toMatchObject({
      nameEn: "Renamed plan",
      sortOrder: 5,
      versionId: before.versionId,
      lockVersion: before.lockVersion + 1,
    });
    expect((await auditFor(db, planId)).at(-1)).toMatchObject({
      action: "plan.update",
      before: { nameEn: before.nameEn, sortOrder: 100 },
      after: { nameEn: "Renamed plan", sortOrder: 5 },
    });
  });

  it("saves nothing and audits nothing when nothing changed", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const { planId } = await createCatalogPlan(db, actor.id);
    const before = (await getPlan(planId, db))!;
    const auditBefore = await auditFor(db, planId);

    expect(await updatePlan(editOf(before), actor.id, db)).toEqual({ planId, changed: false });
    expect((await getPlan(planId, db))!.lockVersion).toBe(before.lockVersion);
    expect(await auditFor(db, planId)).toEqual(auditBefore);
  });

  it("refuses a save made against an older lockVersion, naming who changed it, and writes nothing", async () => {
    const { db } = testDb();
    const first = await admin(db, "Fiona First");
    const second = await admin(db, "Sid Second");
    const { planId } = await createCatalogPlan(db, first.id);
    const opened = (await getPlan(planId, db))!;

    await updatePlan(editOf(opened, { terms: { priceCnyMinor: 9900 } }), first.id, db);
    const afterFirst = await planRow(db, planId);
    const auditAfterFirst = await auditFor(db, planId);

    const refusal = await updatePlan(
      editOf(opened, { nameEn: "Second's rename", terms: { priceHkdMinor: 1 } }),
      second.id,
      db,
    ).catch((e) => e);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({
      code: "plans.errors.stale",
      params: { name: expect.stringContaining("Fiona First") },
    });

    expect(await planRow(db, planId)).toEqual(afterFirst);
    expect(await versionsOf(db, planId)).toHaveLength(2);
    expect(await auditFor(db, planId)).toEqual(auditAfterFirst);
  });

  it("lets exactly one of two simultaneous saves of the same opened plan through", async () => {
    const { db } = testDb();
    const [a, b] = [await admin(db), await admin(db)];
    const { planId } = await createCatalogPlan(db, a.id);
    const opened = (await getPlan(planId, db))!;

    const results = await raceAtAudit(process.env.DATABASE_URL!, [
      (raceDb) => updatePlan(editOf(opened, { nameEn: "A's rename" }), a.id, raceDb),
      (raceDb) => updatePlan(editOf(opened, { terms: { priceHkdMinor: 22_200 } }), b.id, raceDb),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect((await planRow(db, planId))!.lockVersion).toBe(opened.lockVersion + 1);
  });

  it("refuses an unknown plan", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const { planId } = await createCatalogPlan(db, actor.id);
    const plan = (await getPlan(planId, db))!;
    await expect(updatePlan({ ...editOf(plan), planId: 2_000_000_000 }, actor.id, db)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("publish, archive and restore", () => {
  it("moves a plan through its life cycle, in and out of what agents may sell, with an audit row each", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const seller = await createStaff(db);
    const { planId } = await createCatalogPlan(db, actor.id, { publish: false });
    const sellable = async () => (await listSellablePlans(db)).some((p) => p.planId === planId);
    expect(await sellable()).toBe(false);

    await changePlanStatus({ planId, lockVersion: 1, kind: "publish" }, actor.id, db);
    expect(await sellable()).toBe(true);
    const version = (await getPlan(planId, db))!.versionId!;
    const sold = await createRenewal(db, { planVersionId: version, soldBy: seller.id });
    const [periodBefore] = await db.select().from(periods).where(eq(periods.renewalId, sold.id));

    await changePlanStatus({ planId, lockVersion: 2, kind: "archive" }, actor.id, db);
    expect(await sellable()).toBe(false);
    expect((await getPlan(planId, db))!.status).toBe("archived");
    // Cards already on it keep what they bought.
    expect(await db.select().from(periods).where(eq(periods.renewalId, sold.id))).toEqual([periodBefore]);
    expect(await countCardsOnPlanVersionsNow([planId], db)).toEqual([{ planId, planVersionId: version, cards: 1 }]);

    await changePlanStatus({ planId, lockVersion: 3, kind: "restore" }, actor.id, db);
    expect(await sellable()).toBe(true);

    expect((await auditFor(db, planId)).map((a) => [a.action, a.before, a.after])).toEqual([
      ["plan.create", null, expect.objectContaining({ status: "draft" })],
      ["plan.publish", { status: "draft" }, { status: "active" }],
      ["plan.archive", { status: "active" }, { status: "archived" }],
      ["plan.restore", { status: "archived" }, { status: "active" }],
    ]);
  });

  it("refuses a transition from the wrong state or an older lockVersion, and writes nothing", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const { planId } = await createCatalogPlan(db, actor.id, { publish: false });
    const before = await planRow(db, planId);
    const auditBefore = await auditFor(db, planId);

    await expect(changePlanStatus({ planId, lockVersion: 1, kind: "archive" }, actor.id, db)).rejects.toMatchObject({
      code: "plans.errors.notActive",
    });
    await expect(changePlanStatus({ planId, lockVersion: 1, kind: "restore" }, actor.id, db)).rejects.toMatchObject({
      code: "plans.errors.notArchived",
    });
    await expect(changePlanStatus({ planId, lockVersion: 7, kind: "publish" }, actor.id, db)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await changePlanStatus({ planId, lockVersion: 1, kind: "publish" }, actor.id, db);
    await expect(changePlanStatus({ planId, lockVersion: 2, kind: "publish" }, actor.id, db)).rejects.toBeInstanceOf(
      PreconditionError,
    );

    const after = await planRow(db, planId);
    expect(after).toMatchObject({ ...before, status: "active", lockVersion: 2, updatedAt: expect.any(Date) });
    expect(await auditFor(db, planId)).toHaveLength(auditBefore.length + 1);
  });
});

describe("deletePlan", () => {
  it("deletes a draft nobody bought, with its versions, and audits what was deleted", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const { planId, code } = await createCatalogPlan(db, actor.id, { publish: false });

    expect(await deletePlan({ planId, lockVersion: 1 }, actor.id, db)).toEqual({ code });
    expect(await planRow(db, planId)).toBeUndefined();
    expect(await versionsOf(db, planId)).toEqual([]);
    expect((await auditFor(db, planId)).at(-1)).toMatchObject({
      action: "plan.delete",
      actor: actor.id,
      before: { code, status: "draft", versions: [{ version: 1, ...defaultTerms }] },
      after: null,
    });
  });

  it("refuses to delete a plan that was published", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const { planId, lockVersion } = await createCatalogPlan(db, actor.id);
    await expect(deletePlan({ planId, lockVersion }, actor.id, db)).rejects.toMatchObject({
      code: "plans.errors.deleteNotDraft",
    });
    expect(await planRow(db, planId)).toBeDefined();
  });

  it("refuses to delete a plan with renewals, and writes nothing", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const seller = await createStaff(db);
    const { planId } = await createCatalogPlan(db, actor.id, { publish: false });
    const version = (await getPlan(planId, db))!.versionId!;
    // However it got there (an import, a data fix), a sold version is history.
    await createRenewal(db, { planVersionId: version, soldBy: seller.id });
    const auditBefore = await auditFor(db, planId);

    const refusal = await deletePlan({ planId, lockVersion: 1 }, actor.id, db).catch((e) => e);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({ code: "plans.errors.hasRenewals" });
    expect(await planRow(db, planId)).toBeDefined();
    expect(await versionsOf(db, planId)).toHaveLength(1);
    expect(await auditFor(db, planId)).toEqual(auditBefore);
  });
});

describe("catalog reads", () => {
  it("filters by state and finds plans by code or either name, taking % literally", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const tag = uniqueSuffix().toUpperCase();
    const draft = await createCatalogPlan(db, actor.id, {
      publish: false,
      input: { code: `DRAFT-${tag}`, nameZh: `草稿 ${tag}` },
    });
    const active = await createCatalogPlan(db, actor.id, {
      input: { code: `LIVE-${tag}`, nameEn: `Live 100% ${tag}` },
    });

    const ids = async (status: Parameters<typeof listPlans>[0]["status"], q: string) =>
      (await listPlans({ status, q }, db)).items.map((p) => p.id);
    expect(await ids("all", tag)).toEqual([draft.planId, active.planId]);
    expect(await ids("draft", tag)).toEqual([draft.planId]);
    expect(await ids("active", tag.toLowerCase())).toEqual([active.planId]);
    expect(await ids("archived", tag)).toEqual([]);
    expect(await ids("all", `草稿 ${tag}`)).toEqual([draft.planId]);
    expect(await ids("all", `100% ${tag}`)).toEqual([active.planId]);
    expect(await ids("all", `Live 1% ${tag}`)).toEqual([]);
  });

  it("counts cards with a period of each version running now, not queued or voided ones", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const seller = await createStaff(db);
    const { planId } = await createCatalogPlan(db, actor.id);
    const v1 = (await getPlan(planId, db))!;
    const day = 86_400_000;
    const running = await createRenewal(db, { planVersionId: v1.versionId!, soldBy: seller.id });
    // the same card's next period, queued behind the running one
    await createRenewal(db, {
      planVersionId: v1.versionId!,
      soldBy: seller.id,
      cardId: running.cardId,
      startsAt: new Date(Date.now() + 25 * day),
      endsAt: new Date(Date.now() + 55 * day),
    });
    await createRenewal(db, { planVersionId: v1.versionId!, soldBy: seller.id, voided: true });
    await createRenewal(db, {
      planVersionId: v1.versionId!,
      soldBy: seller.id,
      startsAt: new Date(Date.now() - 60 * day),
      endsAt: new Date(Date.now() - 30 * day),
    });

    await updatePlan(editOf(v1, { terms: { validityDays: 31 } }), actor.id, db);
    const v2 = (await getPlan(planId, db))!.versionId!;
    await createRenewal(db, { planVersionId: v2, soldBy: seller.id });
    await createRenewal(db, { planVersionId: v2, soldBy: seller.id });

    const counts = await countCardsOnPlanVersionsNow([planId], db);
    expect(counts.sort((a, b) => a.planVersionId - b.planVersionId)).toEqual([
      { planId, planVersionId: v1.versionId!, cards: 1 },
      { planId, planVersionId: v2, cards: 2 },
    ]);
    expect((await listPlanVersions(planId, db)).map((v) => [v.version, v.createdByName])).toEqual([
      [2, expect.stringContaining("Catalog Admin")],
      [1, expect.stringContaining("Catalog Admin")],
    ]);
  });

  it("keeps the count in step when a period is voided, moved or deleted, and agrees with the periods on Hong Kong day boundaries", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const seller = await createStaff(db);
    const { planId } = await createCatalogPlan(db, actor.id);
    const version = (await getPlan(planId, db))!.versionId!;
    const today = hkDay(new Date());
    const cards = async () =>
      (await countCardsOnPlanVersionsNow([planId], db)).find((r) => r.planVersionId === version)?.cards ?? 0;
    const live = async () => {
      const [row] = await db.execute<{ cards: number }>(sql`
        select count(*)::int as cards from periods p join renewals r on r.id = p.renewal_id
        where r.plan_version_id = ${version} and p.voided_at is null and p.starts_at <= now() and p.ends_at > now()`);
      return row!.cards;
    };

    // Validity ends at 23:59:59 Hong Kong time; a queued period starts at the previous end.
    const endingToday = await createRenewal(db, {
      planVersionId: version,
      soldBy: seller.id,
      startsAt: hkEndOfDay(addDays(today, -30)),
      endsAt: hkEndOfDay(today),
    });
    await createRenewal(db, {
      planVersionId: version,
      soldBy: seller.id,
      cardId: endingToday.cardId,
      startsAt: hkEndOfDay(today),
      endsAt: hkEndOfDay(addDays(today, 30)),
    });
    await createRenewal(db, {
      planVersionId: version,
      soldBy: seller.id,
      startsAt: hkEndOfDay(addDays(today, -31)),
      endsAt: hkEndOfDay(addDays(today, -1)),
    });
    const boughtInGrace = await createRenewal(db, {
      planVersionId: version,
      soldBy: seller.id,
      startsAt: new Date(Date.now() - 60_000),
      endsAt: hkEndOfDay(addDays(today, 29)),
    });
    expect(await cards()).toBe(2);
    expect(await cards()).toBe(await live());

    await db.update(periods).set({ voidedAt: new Date() }).where(eq(periods.renewalId, boughtInGrace.id));
    expect(await cards()).toBe(1);
    await db
      .update(periods)
      .set({ endsAt: hkEndOfDay(addDays(today, -2)), startsAt: hkEndOfDay(addDays(today, -32)) })
      .where(eq(periods.renewalId, endingToday.id));
    expect(await cards()).toBe(0);
    expect(await cards()).toBe(await live());
    await db.update(periods).set({ voidedAt: null }).where(eq(periods.renewalId, boughtInGrace.id));
    expect(await cards()).toBe(1);
    await db.delete(periods).where(eq(periods.renewalId, boughtInGrace.id));
    expect(await cards()).toBe(0);
  });

  it("is rebuilt by the demo seed to match the periods it loads", async () => {
    await withFreshDatabase(
      async (url) => {
        const seeder = postgres(url, { max: 1, onnotice: () => {} });
        await seedDemoData(seeder, { customers: 200 }).finally(() => seeder.end());
        const client = createDb(url, { max: 2 });
        try {
          const planIds = (await client.db.select({ id: plans.id }).from(plans)).map((p) => p.id);
          const rollup = await countCardsOnPlanVersionsNow(planIds, client.db);
          const live = await client.db.execute<{ plan_version_id: number; cards: number }>(sql`
            select r.plan_version_id, count(*)::int as cards from periods p join renewals r on r.id = p.renewal_id
            where p.voided_at is null and p.starts_at <= now() and p.ends_at > now() group by 1`);
          expect(rollup.length).toBeGreaterThan(2);
          expect(Object.fromEntries(rollup.map((r) => [r.planVersionId, r.cards]))).toEqual(
            Object.fromEntries(live.map((r) => [r.plan_version_id, r.cards])),
          );
        } finally {
          await client.close();
        }
      },
      { migrate: true },
    );
  });

  it("sums the last 30 Hong Kong days of renewals from the daily rollup", async () => {
    const { db } = testDb();
    const actor = await admin(db);
    const { planId } = await createCatalogPlan(db, actor.id);
    const day = (offset: number) => sql`(now() at time zone 'Asia/Hong_Kong')::date - ${offset}::int`;
    const row = (offset: number, count: number, method: "cash" | "fps") => ({
      day: day(offset),
      planId,
      method,
      currency: "HKD" as const,
      channel: "console" as const,
      soldBy: actor.id,
      cardState: "active" as const,
      renewals: count,
      revenueMinor: count * 100,
    });
    await db
      .insert(renewalDailyStats)
      .values([row(0, 2, "cash"), row(0, 1, "fps"), row(29, 4, "cash"), row(30, 8, "cash")]);
    expect((await countRecentRenewalsByPlan([planId], 30, db)).get(planId)).toBe(7);
  });

  it("lists the plan's activity newest first with who did it", async () => {
    const { db } = testDb();
    const actor = await admin(db, "Audit Reader");
    const { planId } = await createCatalogPlan(db, actor.id);
    expect((await listEntityActivity({ type: "plan", id: planId }, db)).map((a) => [a.action, a.actorName])).toEqual([
      ["plan.publish", expect.stringContaining("Audit Reader")],
      ["plan.create", expect.stringContaining("Audit Reader")],
    ]);
  });
});
