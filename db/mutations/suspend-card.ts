import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ForbiddenError, PreconditionError } from "@/db/errors";
import { cards, cardSuspensions } from "@/db/schema";
import { writeAudit, type AuditContext } from "@/db/mutations/_shared/audit";
import { enqueueCarrierRequest } from "@/db/mutations/_shared/enqueue-carrier-request";
import { lockCard } from "@/db/mutations/_shared/lock-card";
import { deriveCardState } from "@/lib/domain/card-state";
import { suspendNeedsNote, suspendPermission } from "@/lib/domain/card-lifecycle";
import type { SuspendReason } from "@/lib/domain/enums";
import { allows, type Role } from "@/lib/domain/permissions";

export interface SuspendCardInput {
  cardId: number;
  reason: SuspendReason;
  note: string | null;
  /** Ticket, channel and contact note for the audit row (lib/validation/contact.ts). */
  context?: AuditContext;
}

export interface LifecycleRules {
  graceDays: number;
  now?: () => Date;
}

/**
 * Suspends a card: the card row (locked), its open suspension record, the
 * queued carrier `suspend` request and the audit row commit together.
 * Validity keeps running while suspended. The carrier is told after commit
 * (`carrierRequestId`, performed by the action and retried by the carrier
 * worker), never while the card row is locked.
 * Who may suspend for which reason: lib/domain/card-lifecycle.ts.
 */
export async function suspendCard(
  input: SuspendCardInput,
  actor: { id: number; role: Role },
  rules: LifecycleRules,
  db: Db = defaultDb,
): Promise<{ suspensionId: number; customerId: number; carrierRequestId: number }> {
  if (!allows(actor.role, suspendPermission[input.reason])) {
    throw new ForbiddenError("lifecycle.errors.role_not_allowed", {}, "reason");
  }
  const note = input.note?.trim() || null;
  const ticketRef = input.context?.ticketRef?.trim() || null;
  if (suspendNeedsNote(input.reason) && !note)
    throw new PreconditionError("lifecycle.errors.note_required", {}, "note");

  return db.transaction(async (tx) => {
    const card = await lockCard(tx, input.cardId);
    const now = rules.now?.() ?? new Date();
    const { state } = deriveCardState(card, now, rules.graceDays);
    if (state === "replaced") {
      throw new PreconditionError("lifecycle.errors.card_replaced", { cardId: card.replacedByCardId ?? 0 });
    }
    if (state === "suspended") throw new PreconditionError("lifecycle.errors.already_suspended");
    if (state === "expired") throw new PreconditionError("lifecycle.errors.card_expired");

    const [suspension] = await tx
      .insert(cardSuspensions)
      .values({
        cardId: card.id,
        reason: input.reason,
        note,
        ticketReference: ticketRef,
        suspendedBy: actor.id,
        suspendedAt: now,
      })
      .returning({ id: cardSuspensions.id });
    await tx
      .update(cards)
      .set({ suspendedAt: now, suspensionReason: input.reason, suspendedBy: actor.id, updatedAt: sql`now()` })
      .where(eq(cards.id, card.id));
    const carrier = await enqueueCarrierRequest(tx, {
      kind: "suspend",
      cardId: card.id,
      payload: { reason: input.reason, iccid: card.iccid },
      dedupeKey: `card:${card.id}:suspend:${suspension!.id}`,
      createdBy: actor.id,
    });
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "card.suspend",
      entityType: "card",
      entityId: card.id,
      before: { state },
      after: {
        state: "suspended",
        reason: input.reason,
        note,
        ticketReference: ticketRef,
        suspensionId: suspension!.id,
        carrierRequestId: carrier.id,
      },
      // A supervisor's suspension (fraud, carrier) gives its note as the reason.
      context: { ...input.context, reason: suspendNeedsNote(input.reason) ? note : input.context?.reason },
    });
    return { suspensionId: suspension!.id, customerId: card.customerId, carrierRequestId: carrier.id };
  });
}
