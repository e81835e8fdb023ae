import { aliasedTable, and, asc, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import type { PlanStatusFilter, PlanTerms } from "@/lib/validation/plans";
import { planVersionPeriodDeltas, plans, planVersions, renewalDayPlan, staff } from "../schema";
import { containsPattern } from "@/db/queries/_shared/like";

/** A catalog is tens of plans; the cap only keeps a runaway one from flooding the page. */
export const PLAN_LIST_LIMIT = 200;

/** What a customer buys, as a plan version stores it. */
export const planTermColumns = {
  validityDays: planVersions.validityDays,
  dataCnMb: planVersions.dataCnMb,
  dataHkMb: planVersions.dataHkMb,
  priceHkdMinor: planVersions.priceHkdMinor,
  priceCnyMinor: planVersions.priceCnyMinor,
  extensionMode: planVersions.extensionMode,
};

const planColumns = {
  id: plans.id,
  code: plans.code,
  nameEn: plans.nameEn,
  nameZh: plans.nameZh,
  nameZhHant: plans.nameZhHant,
  status: plans.status,
  sortOrder: plans.sortOrder,
  versionId: planVersions.id,
  version: planVersions.version,
  ...planTermColumns,
};

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** A plan row read with its current version (outer-joined) as { ...plan, terms }, terms null for a plan without one. */
export function withTerms<T extends Nullable<PlanTerms>>(
  row: T,
): Omit<T, keyof PlanTerms> & { terms: PlanTerms | null } {
  const { validityDays, dataCnMb, dataHkMb, priceHkdMinor, priceCnyMinor, extensionMode, ...rest } = row;
  const terms =
    validityDays === null ||
    dataCnMb === null ||
    dataHkMb === null ||
    priceHkdMinor === null ||
    priceCnyMinor === null ||
    extensionMode === null
      ? null
      : { validityDays, dataCnMb, dataHkMb, priceHkdMinor, priceCnyMinor, extensionMode };
  return { ...rest, terms };
}

/**
 * The catalog with each plan's current terms, in sort order. The plans table
 * is small (tens of rows), so the name/code search is a plain ILIKE.
 */
export async function listPlans(params: { status: PlanStatusFilter; q: string }, db: DbOrTx = defaultDb) {
  const filters = [
    params.status === "all" ? undefined : eq(plans.status, params.status),
    params.q
      ? or(
          ilike(plans.code, containsPattern(params.q)),
          ilike(plans.nameEn, containsPattern(params.q)),
          ilike(plans.nameZh, containsPattern(params.q)),
          ilike(plans.nameZhHant, containsPattern(params.q)),
        )
      : undefined,
  ];
  const rows = await db
    .select(planColumns)
    .from(plans)
    .leftJoin(planVersions, eq(planVersions.id, plans.currentVersionId))
    .where(and(...filters))
    .orderBy(asc(plans.sortOrder), asc(plans.id))
    .limit(PLAN_LIST_LIMIT + 1);
  return { items: rows.slice(0, PLAN_LIST_LIMIT).map(withTerms), truncated: rows.length > PLAN_LIST_LIMIT };
}

/**
 * Renewals per plan over the last `days` Hong Kong calendar days (today
 * included), from the daily rollup: a few hundred rows, however many renewals.
 */
export async function countRecentRenewalsByPlan(
  planIds: number[],
  days: number,
  db: DbOrTx = defaultDb,
): Promise<Map<number, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await db
    .select({ planId: renewalDayPlan.planId, renewals: sql<number>`sum(${renewalDayPlan.renewals})::int` })
    .from(renewalDayPlan)
    .where(
      and(
        sql`${renewalDayPlan.day} > (now() at time zone 'Asia/Hong_Kong')::date - ${days}::int`,
        inArray(renewalDayPlan.planId, planIds),
      ),
    )
    .groupBy(renewalDayPlan.planId);
  return new Map(rows.map((r) => [r.planId, r.renewals]));
}

/**
 * How many cards have a period of each version of these plans running today
 * (a queued period counts from the day it starts): the running total of
 * plan_version_period_deltas, a few rows per version and day. Versions nobody
 * is on are left out.
 */
export async function countCardsOnPlanVersionsNow(planIds: number[], db: DbOrTx = defaultDb) {
  if (planIds.length === 0) return [];
  return db
    .select({
      planId: planVersions.planId,
      planVersionId: planVersions.id,
      cards: sql<number>`sum(${planVersionPeriodDeltas.delta})::int`,
    })
    .from(planVersionPeriodDeltas)
    .innerJoin(planVersions, eq(planVersions.id, planVersionPeriodDeltas.planVersionId))
    .where(
      and(
        inArray(planVersions.planId, planIds),
        sql`${planVersionPeriodDeltas.day} <= (now() at time zone 'Asia/Hong_Kong')::date`,
      ),
    )
    .groupBy(planVersions.planId, planVersions.id)
    .having(sql`sum(${planVersionPeriodDeltas.delta}) > 0`);
}

const updater = aliasedTable(staff, "updater");

/** A plan, its current version and who changed it last: what the edit page shows and what a change locks. */
export function selectPlanDetail(db: DbOrTx) {
  return db
    .select({ ...planColumns, lockVersion: plans.lockVersion, updatedAt: plans.updatedAt, updatedByName: updater.name })
    .from(plans)
    .leftJoin(planVersions, eq(planVersions.id, plans.currentVersionId))
    .leftJoin(updater, eq(updater.id, plans.updatedBy));
}

/** One plan with its current terms and the lockVersion an edit must name. */
export async function getPlan(planId: number, db: DbOrTx = defaultDb) {
  const [row] = await selectPlanDetail(db).where(eq(plans.id, planId)).limit(1);
  return row ? withTerms(row) : null;
}

/** Every version of a plan, newest first, with who made it. Versions are few per plan (one per terms change). */
export async function listPlanVersions(planId: number, db: DbOrTx = defaultDb) {
  return db
    .select({
      versionId: planVersions.id,
      version: planVersions.version,
      ...planTermColumns,
      effectiveFrom: planVersions.effectiveFrom,
      createdByName: staff.name,
    })
    .from(planVersions)
    .leftJoin(staff, eq(staff.id, planVersions.createdBy))
    .where(eq(planVersions.planId, planId))
    .orderBy(desc(planVersions.version));
}
export type PlanVersionRow = Awaited<ReturnType<typeof listPlanVersions>>[number];

const sellableColumns = {
  planId: plans.id,
  code: plans.code,
  nameEn: plans.nameEn,
  nameZh: plans.nameZh,
  nameZhHant: plans.nameZhHant,
  planVersionId: planVersions.id,
  version: planVersions.version,
  ...planTermColumns,
};

export type SellablePlan = Awaited<ReturnType<typeof listSellablePlans>>[number];

/** What an agent may sell right now: active plans at their current version. Drafts and archived plans never appear. */
export async function listSellablePlans(db: DbOrTx = defaultDb) {
  return db
    .select(sellableColumns)
    .from(plans)
    .innerJoin(planVersions, eq(planVersions.id, plans.currentVersionId))
    .where(eq(plans.status, "active"))
    .orderBy(asc(plans.sortOrder), asc(plans.id));
}

/** The version a renewal is about to buy, only while it is still the current version of an active plan. */
export async function getSellablePlanVersion(planVersionId: number, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select(sellableColumns)
    .from(plans)
    .innerJoin(planVersions, eq(planVersions.id, plans.currentVersionId))
    .where(and(eq(plans.status, "active"), eq(planVersions.id, planVersionId)))
    .limit(1);
  return row ?? null;
}
