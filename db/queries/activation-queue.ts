import { and, asc, count, eq, lt, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { carrierRequests, cards, customers, plans, planVersions, renewals, staff } from "@/db/schema";

/** Older than this, a paid renewal not yet active is flagged to supervisors on every console page. */
export const STUCK_ACTIVATION_MINUTES = 15;
export const ACTIVATION_QUEUE_LIMIT = 200;

/** The queue is the paid renewals joined to their activation request: the list and its count share it. */
const activationOfRenewal = and(eq(carrierRequests.renewalId, renewals.id), eq(carrierRequests.kind, "activate"));

/**
 * The paid renewals the carrier has not activated yet, oldest first and at
 * most `limit` of them, with each activation request's attempts, last error
 * and next automatic attempt (renewals_paid_created_at keeps this a small
 * index scan). countPendingActivations says how many there are in all.
 */
export async function listPendingActivations(db: DbOrTx = defaultDb, limit = ACTIVATION_QUEUE_LIMIT) {
  return db
    .select({
      renewalId: renewals.id,
      createdAt: renewals.createdAt,
      priceMinor: renewals.priceMinor,
      currency: renewals.currency,
      cardId: cards.id,
      iccid: cards.iccid,
      customerId: customers.id,
      nameZh: customers.nameZh,
      nameEn: customers.nameEn,
      planNameEn: plans.nameEn,
      planNameZh: plans.nameZh,
      planNameZhHant: plans.nameZhHant,
      soldByName: staff.name,
      requestId: carrierRequests.id,
      requestStatus: carrierRequests.status,
      attempts: carrierRequests.attempts,
      lastError: carrierRequests.lastError,
      nextAttemptAt: carrierRequests.nextAttemptAt,
    })
    .from(renewals)
    .innerJoin(cards, eq(cards.id, renewals.cardId))
    .innerJoin(customers, eq(customers.id, cards.customerId))
    .innerJoin(planVersions, eq(planVersions.id, renewals.planVersionId))
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .innerJoin(carrierRequests, activationOfRenewal)
    .leftJoin(staff, eq(staff.id, renewals.soldBy))
    .where(eq(renewals.status, "paid"))
    .orderBy(asc(renewals.createdAt), asc(renewals.id))
    .limit(limit);
}

/** How many renewals the queue holds in all, the ones past its page too (after an outage, thousands). */
export async function countPendingActivations(db: DbOrTx = defaultDb): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(renewals)
    .innerJoin(carrierRequests, activationOfRenewal)
    .where(eq(renewals.status, "paid"));
  return row?.n ?? 0;
}

export type PendingActivation = Awaited<ReturnType<typeof listPendingActivations>>[number];

/** How many paid renewals have waited longer than STUCK_ACTIVATION_MINUTES for the carrier, and since when. */
export async function countStuckActivations(now: Date, db: DbOrTx = defaultDb) {
  const before = new Date(now.getTime() - STUCK_ACTIVATION_MINUTES * 60_000);
  const [row] = await db
    .select({ stuck: count(), oldest: sql<Date | null>`min(${renewals.createdAt})`.mapWith(renewals.createdAt) })
    .from(renewals)
    .where(and(eq(renewals.status, "paid"), lt(renewals.createdAt, before)));
  return { stuck: row?.stuck ?? 0, oldest: row?.oldest ?? null };
}
