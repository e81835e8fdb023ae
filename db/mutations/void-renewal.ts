import { and, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { checkVoid, describeRefusal, type VoidRefusal } from "@/lib/domain/renewal-quote";
import { may, type Role } from "@/lib/domain/permissions";
import type { Language, PaymentMethod } from "@/lib/domain/enums";
import { ForbiddenError, NotFoundError, PreconditionError } from "../errors";
import {
  carrierRequests,
  cards,
  notifications,
  payments,
  periods,
  refunds,
  renewals,
  storedValueLedger,
} from "../schema";
import { enqueueCarrierRequest } from "@/db/mutations/_shared/enqueue-carrier-request";
import { assertCashDrawerOpen } from "@/db/mutations/_shared/cash-drawer-guard";
import { writeAudit, type AuditContext } from "@/db/mutations/_shared/audit";
import { enqueueNotification } from "@/db/mutations/_shared/enqueue-notification";
import { applyRenewalToRollup } from "@/db/mutations/_shared/renewal-rollup";

export interface VoidRenewalInput {
  renewalId: number;
  reason: string;
  /** How the money goes back; the payment's own method when not given. */
  refundMethod?: PaymentMethod | null;
  /** The refund's own provider reference, for electronic methods (normalised here). */
  refundReference?: string | null;
  /** Ticket, channel and note for the audit row; the void's reason is added to it. */
  context?: AuditContext;
}

/** A void refusal as the error the action wrapper shows (on its field). */
function voidError(refusal: VoidRefusal) {
  const { key, params, field } = describeRefusal(refusal);
  return new PreconditionError(key, params, field);
}

/**
 * Voids (refunds) a renewal (rules: `checkVoid`): the validity and the data go
 * back, the refund is recorded against the payment with how it went back
 * (stored value returns to the balance; cash counts against the refunding
 * person's drawer), a pending activation is cancelled, an activated renewal
 * queues a carrier deactivation, the customer is told by SMS naming the
 * method, and the audit shows it. All in one transaction; the deactivation is
 * performed after commit (`deactivationRequestId`). Supervisors and admins
 * only, checked here as well as at the action.
 */
export async function voidRenewal(
  input: VoidRenewalInput,
  actor: { id: number; role: Role },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<{ cardId: number; deactivationRequestId: number | null }> {
  if (!may.voidRenewal(actor)) throw new ForbiddenError("forbidden");
  const reason = input.reason.trim();
  if (!reason) throw new PreconditionError("renewal.void_reason_required", {}, "reason");

  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ cardId: renewals.cardId })
      .from(renewals)
      .where(eq(renewals.id, input.renewalId));
    if (!target) throw new NotFoundError("renewal.not_found");
    // Same lock order as renewCard (card first), so a void and a renewal of one card never deadlock.
    const [card] = await tx
      .select({ id: cards.id, validityEnd: cards.validityEnd, storedValueHkdMinor: cards.storedValueHkdMinor })
      .from(cards)
      .where(eq(cards.id, target.cardId))
      .for("update");
    const [renewal] = await tx
      .select({
        id: renewals.id,
        status: renewals.status,
        previousValidityEnd: renewals.previousValidityEnd,
        newValidityEnd: renewals.newValidityEnd,
        smsMsisdn: renewals.smsMsisdn,
        smsLanguage: renewals.smsLanguage,
        periodId: periods.id,
        startsAt: periods.startsAt,
        endsAt: periods.endsAt,
        paymentId: payments.id,
        method: payments.method,
        amountMinor: payments.amountMinor,
        currency: payments.currency,
      })
      .from(renewals)
      .innerJoin(periods, eq(periods.renewalId, renewals.id))
      .innerJoin(payments, eq(payments.renewalId, renewals.id))
      .where(eq(renewals.id, input.renewalId))
      .for("update", { of: renewals });
    if (!card || !renewal) throw new NotFoundError("renewal.not_found");

    // Later means ending later, or ending at the same time and sold after it (a
    // max-from-today renewal that bought data only ends where the one before it did).
    const [later] = await tx
      .select({ id: periods.id })
      .from(periods)
      .where(
        and(
          eq(periods.cardId, card.id),
          isNull(periods.voidedAt),
          ne(periods.id, renewal.periodId),
          or(
            gt(periods.endsAt, renewal.endsAt),
            and(eq(periods.endsAt, renewal.endsAt), gt(periods.renewalId, renewal.id)),
          ),
        ),
      )
      .limit(1);
    const now = options.now?.() ?? new Date();
    const check = checkVoid(
      {
        renewal: { status: renewal.status, startsAt: renewal.startsAt, isLatest: !later },
        payment: { method: renewal.method, currency: renewal.currency },
        refund: { method: input.refundMethod, reference: input.refundReference },
      },
      now,
    );
    if (check.refusals.length > 0) throw voidError(check.refusals[0]!);
    const refund = check.refund;

    // The validity goes back only if this renewal set it: a data-only renewal (max-from-today
    // with a later old end) never moved it, and a void since may have moved it already.
    const restoredEnd =
      card.validityEnd.getTime() === renewal.newValidityEnd.getTime() ? renewal.previousValidityEnd : card.validityEnd;
    let balance = card.storedValueHkdMinor;
    if (refund.method === "stored_value") {
      balance += renewal.amountMinor;
      await tx.insert(storedValueLedger).values({
        cardId: card.id,
        deltaMinor: renewal.amountMinor,
        balanceAfterMinor: balance,
        reason: "renewal_refund",
        renewalId: renewal.id,
        staffId: actor.id,
      });
    }
    await tx
      .update(cards)
      .set({ validityEnd: restoredEnd, storedValueHkdMinor: balance, updatedAt: sql`now()` })
      .where(eq(cards.id, card.id));
    await tx.update(periods).set({ voidedAt: now }).where(eq(periods.id, renewal.periodId));
    // Out of the rollup before the status flips, while the row still describes the sale.
    await applyRenewalToRollup(tx, renewal.id, -1);
    await tx
      .update(renewals)
      .set({ status: "voided", voidedAt: now, voidedBy: actor.id, voidReason: reason })
      .where(eq(renewals.id, renewal.id));
    await assertCashDrawerOpen(tx, { method: refund.method, staffId: actor.id, currency: renewal.currency, at: now });
    await tx.insert(refunds).values({
      paymentId: renewal.paymentId,
      amountMinor: renewal.amountMinor,
      currency: renewal.currency,
      method: refund.method,
      reference: refund.reference,
      reason,
      refundedBy: actor.id,
      refundedAt: now,
    });
    // Never activated: its activation must not go out now. One in flight is handled by its outcome.
    await tx
      .update(carrierRequests)
      .set({ status: "failed", completedAt: now, lastError: "cancelled: renewal voided" })
      .where(
        and(
          eq(carrierRequests.renewalId, renewal.id),
          eq(carrierRequests.kind, "activate"),
          eq(carrierRequests.status, "pending"),
        ),
      );
    const deactivation = check.deactivate
      ? await enqueueCarrierRequest(tx, {
          kind: "deactivate",
          cardId: card.id,
          renewalId: renewal.id,
          payload: { startsAt: renewal.startsAt.toISOString(), endsAt: renewal.endsAt.toISOString() },
          dedupeKey: `renewal:${renewal.id}:deactivate`,
          createdBy: actor.id,
        })
      : null;
    // A confirmation not yet sent must never go out for a renewal that no longer exists.
    await tx
      .update(notifications)
      .set({ status: "failed", lastError: "cancelled: renewal voided" })
      .where(and(eq(notifications.renewalId, renewal.id), eq(notifications.status, "pending")));
    if (renewal.smsMsisdn) {
      await enqueueNotification(tx, {
        kind: "renewal_voided",
        cardId: card.id,
        renewalId: renewal.id,
        toMsisdn: renewal.smsMsisdn,
        language: renewal.smsLanguage as Language,
        message: {
          kind: "renewal_voided",
          validityEnd: restoredEnd,
          amountMinor: renewal.amountMinor,
          currency: renewal.currency,
          refundMethod: refund.method,
        },
        dedupeKey: `renewal:${renewal.id}:voided`,
        createdBy: actor.id,
      });
    }
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "renewal.void",
      entityType: "renewal",
      entityId: renewal.id,
      before: { status: renewal.status, validityEnd: card.validityEnd, storedValueHkdMinor: card.storedValueHkdMinor },
      after: {
        status: "voided",
        validityEnd: restoredEnd,
        storedValueHkdMinor: balance,
        refundMinor: renewal.amountMinor,
        currency: renewal.currency,
        refundMethod: refund.method,
        refundReference: refund.reference,
        deactivationRequestId: deactivation?.id ?? null,
        reason,
      },
      context: { ...input.context, reason },
    });
    return { cardId: card.id, deactivationRequestId: deactivation?.id ?? null };
  });
}
