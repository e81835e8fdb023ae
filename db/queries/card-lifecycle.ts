import { and, desc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db as defaultDb, type DbOrTx } from "@/db";
import { carrierRequests, cards, cardSuccessions, cardSuspensions, staff } from "@/db/schema";

const SUSPENSIONS_SHOWN = 20;

/**
 * A card's lifecycle as the card page shows it: its suspensions (open one
 * first, newest first, who suspended and lifted, why, with the ticket) and
 * its successions either way (what replaced it, what it replaced or followed).
 */
export async function getCardLifecycle(cardId: number, db: DbOrTx = defaultDb) {
  const suspender = alias(staff, "suspender");
  const lifter = alias(staff, "lifter");
  const creator = alias(staff, "creator");
  const waiver = alias(staff, "waiver");
  const oldCard = alias(cards, "old_card");
  const newCard = alias(cards, "new_card");
  const [suspensions, successions, carrier] = await Promise.all([
    db
      .select({
        id: cardSuspensions.id,
        reason: cardSuspensions.reason,
        note: cardSuspensions.note,
        ticketReference: cardSuspensions.ticketReference,
        suspendedAt: cardSuspensions.suspendedAt,
        suspendedByName: suspender.name,
        liftedAt: cardSuspensions.liftedAt,
        liftedByName: lifter.name,
        liftNote: cardSuspensions.liftNote,
        liftTicketReference: cardSuspensions.liftTicketReference,
        endedByReplacementId: cardSuspensions.endedByReplacementId,
      })
      .from(cardSuspensions)
      .leftJoin(suspender, eq(suspender.id, cardSuspensions.suspendedBy))
      .leftJoin(lifter, eq(lifter.id, cardSuspensions.liftedBy))
      .where(eq(cardSuspensions.cardId, cardId))
      .orderBy(desc(cardSuspensions.id))
      .limit(SUSPENSIONS_SHOWN),
    db
      .select({
        id: cardSuccessions.id,
        kind: cardSuccessions.kind,
        oldCardId: cardSuccessions.oldCardId,
        oldIccid: oldCard.iccid,
        newCardId: cardSuccessions.newCardId,
        newIccid: newCard.iccid,
        reason: cardSuccessions.reason,
        form: cardSuccessions.form,
        handover: cardSuccessions.handover,
        deliveryAddress: cardSuccessions.deliveryAddress,
        feeMinor: cardSuccessions.feeMinor,
        feeCurrency: cardSuccessions.feeCurrency,
        paymentId: cardSuccessions.paymentId,
        feeWaiveReason: cardSuccessions.feeWaiveReason,
        feeWaivedByName: waiver.name,
        ticketReference: cardSuccessions.ticketReference,
        createdAt: cardSuccessions.createdAt,
        createdByName: creator.name,
      })
      .from(cardSuccessions)
      .innerJoin(oldCard, eq(oldCard.id, cardSuccessions.oldCardId))
      .innerJoin(newCard, eq(newCard.id, cardSuccessions.newCardId))
      .innerJoin(creator, eq(creator.id, cardSuccessions.createdBy))
      .leftJoin(waiver, eq(waiver.id, cardSuccessions.feeWaivedBy))
      .where(or(eq(cardSuccessions.oldCardId, cardId), eq(cardSuccessions.newCardId, cardId)))
      .orderBy(desc(cardSuccessions.id))
      .limit(2),
    // The carrier's side of the latest lifecycle steps (carrier_requests_card).
    db
      .select({
        id: carrierRequests.id,
        kind: carrierRequests.kind,
        status: carrierRequests.status,
        attempts: carrierRequests.attempts,
        lastError: carrierRequests.lastError,
        createdAt: carrierRequests.createdAt,
        completedAt: carrierRequests.completedAt,
      })
      .from(carrierRequests)
      .where(and(eq(carrierRequests.cardId, cardId), inArray(carrierRequests.kind, ["suspend", "resume", "swap"])))
      .orderBy(desc(carrierRequests.id))
      .limit(3),
  ]);
  return {
    openSuspension: suspensions.find((s) => s.liftedAt === null) ?? null,
    suspensions,
    successor: successions.find((s) => s.oldCardId === cardId) ?? null,
    predecessor: successions.find((s) => s.newCardId === cardId) ?? null,
    carrier,
  };
}

export type CardLifecycle = Awaited<ReturnType<typeof getCardLifecycle>>;
