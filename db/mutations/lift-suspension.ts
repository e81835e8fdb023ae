import { and, eq, isNull, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ForbiddenError, PreconditionError } from "@/db/errors";
import { cardNumbers, cards, cardSuspensions } from "@/db/schema";
import { writeAudit, type AuditContext } from "@/db/mutations/_shared/audit";
import { enqueueCarrierRequest } from "@/db/mutations/_shared/enqueue-carrier-request";
import { lockCard } from "@/db/mutations/_shared/lock-card";
import { liftChecks, liftPermission, realNameCleared } from "@/lib/domain/card-lifecycle";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { allows, type Role } from "@/lib/domain/permissions";
import type { LifecycleRules } from "./suspend-card";

export interface LiftSuspensionInput {
  cardId: number;
  /** The agent confirms they checked the caller's identity (lost or stolen). */
  identityChecked: boolean;
  note: string | null;
  /** Ticket, channel and contact note for the audit row (lib/validation/contact.ts). */
  context?: AuditContext;
}

/**
 * Lifts a card's suspension after the check its reason needs: the card row
 * (locked), the suspension record's lift, the queued carrier `resume` request
 * and the audit row commit together; the carrier is told after commit. Fraud (and carrier) suspensions are a
 * supervisor's to lift, checked here as well as on the page.
 */
export async function liftSuspension(
  input: LiftSuspensionInput,
  actor: { id: number; role: Role },
  rules: LifecycleRules,
  db: Db = defaultDb,
): Promise<{ suspensionId: number; customerId: number; carrierRequestId: number }> {
  const note = input.note?.trim() || null;
  const ticketRef = input.context?.ticketRef?.trim() || null;
  return db.transaction(async (tx) => {
    const card = await lockCard(tx, input.cardId);
    if (card.replacedAt)
      throw new PreconditionError("lifecycle.errors.card_replaced", { cardId: card.replacedByCardId ?? 0 });
    if (!card.suspendedAt || !card.suspensionReason) throw new PreconditionError("lifecycle.errors.not_suspended");
    const reason = card.suspensionReason;
    if (!allows(actor.role, liftPermission[reason])) throw new ForbiddenError("lifecycle.errors.role_not_allowed");

    for (const check of liftChecks(reason)) {
      if (check === "identity" && !input.identityChecked) {
        throw new PreconditionError("lifecycle.errors.identity_check_required", {}, "identityChecked");
      }
      if (check === "reason" && !note) throw new PreconditionError("lifecycle.errors.note_required", {}, "note");
      if (check === "real_name") {
        const numbers = await tx
          .select({ msisdn: cardNumbers.msisdn, status: cardNumbers.realNameStatus })
          .from(cardNumbers)
          .where(and(eq(cardNumbers.cardId, card.id), isNull(cardNumbers.releasedAt)));
        const pending = numbers.find((n) => !realNameCleared.includes(n.status));
        if (pending) {
          throw new PreconditionError("lifecycle.errors.real_name_not_verified", {
            number: formatMsisdn(pending.msisdn),
          });
        }
      }
    }

    const now = rules.now?.() ?? new Date();
    const lifted = await tx
      .update(cardSuspensions)
      .set({ liftedAt: now, liftedBy: actor.id, liftNote: note, liftTicketReference: ticketRef })
      .where(and(eq(cardSuspensions.cardId, card.id), isNull(cardSuspensions.liftedAt)))
      .returning({ id: cardSuspensions.id });
    // A suspension written straight to the card row (an import, the carrier) gets its record as it is lifted.
    const suspensionId =
      lifted[0]?.id ??
      (
        await tx
          .insert(cardSuspensions)
          .values({
            cardId: card.id,
            reason,
            note: reason === "fraud" ? "Recorded at lift" : null,
            suspendedBy: card.suspendedBy,
            suspendedAt: card.suspendedAt,
            liftedAt: now,
            liftedBy: actor.id,
            liftNote: note,
            liftTicketReference: ticketRef,
          })
          .returning({ id: cardSuspensions.id })
      )[0]!.id;
    await tx
      .update(cards)
      .set({ suspendedAt: null, suspensionReason: null, suspendedBy: null, updatedAt: sql`now()` })
      .where(eq(cards.id, card.id));
    const carrier = await enqueueCarrierRequest(tx, {
      kind: "resume",
      cardId: card.id,
      payload: { reason, iccid: card.iccid },
      dedupeKey: `card:${card.id}:resume:${suspensionId}`,
      createdBy: actor.id,
    });
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "card.lift_suspension",
      entityType: "card",
      entityId: card.id,
      before: { state: "suspended", reason, suspendedAt: card.suspendedAt },
      after: {
        reason,
        checks: liftChecks(reason),
        identityChecked: input.identityChecked,
        note,
        ticketReference: ticketRef,
        suspensionId,
        carrierRequestId: carrier.id,
      },
      context: { ...input.context, reason: liftChecks(reason).includes("reason") ? note : input.context?.reason },
    });
    return { suspensionId, customerId: card.customerId, carrierRequestId: carrier.id };
  });
}
