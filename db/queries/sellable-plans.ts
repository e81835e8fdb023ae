import { and, asc, eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { plans, planVersions } from "../schema";

const sellableColumns = {
  planId: plans.id,
  code: plans.code,
  nameEn: plans.nameEn,
  nameZh: plans.nameZh,
  nameZhHant: plans.nameZhHant,
  planVersionId: planVersions.id,
  version: planVersions.version,
  validityDays: planVersions.validityDays,
  dataCnMb: planVersions.dataCnMb,
  dataHkMb: planVersions.dataHkMb,
  priceHkdMinor: planVersions.priceHkdMinor,
  priceCnyMinor: planVersions.priceCnyMinor,
  extensionMode: planVersions.extensionMode,
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
