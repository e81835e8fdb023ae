import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { canVoid } from "@/lib/domain/renewal-quote";
import { may, type Role } from "@/lib/domain/permissions";
import type { Language } from "@/lib/domain/enums";
import { ForbiddenError, NotFoundError, PreconditionError } from "../errors";
import { cards, notifications, payments, periods, refunds, renewals, storedValueLedger } from "../schema";
import { writeAudit, type AuditContext } from "@/db/mutations/_shared/audit";
import { enqueueNotification } from "@/db/mutations/_shared/enqueue-notification";
import { applyRenewalToRollup } from "@/db/mutations/_shared/renewal-rollup";

/**
 * Voids (refunds) a renewal whose period has not started: the validity and
 * the queued data go back, the refund is recorded against the payment (stored
 * value returns to the balance), the customer is told, and the audit shows it.
 * Supervisors and admins only, checked here as well as at the action.
 */
export async function voidRenewal(
  input: { renewalId: number; reason: string; context?: AuditContext },
  actor: { id: number; role: Role },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<{ cardId: number }> {
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

    const [later] = await tx
      .select({ id: periods.id })
      .from(periods)
      .where(
        and(
          eq(periods.cardId, card.id),
          isNull(periods.voidedAt),
          ne(periods.id, renewal.periodId),
          gt(periods.endsAt, renewal.endsAt),
        ),
      )
      .limit(1);
    const now = options.now?.() ?? new Date();
    if (renewal.status === "voided") throw new PreconditionError("renewal.already_voided");
    if (!canVoid({ status: renewal.status, startsAt: renewal.startsAt, isLatest: !later }, now)) {
      throw new PreconditionError(later ? "renewal.void_not_latest" : "renewal.void_started");
    }

    let balance = card.storedValueHkdMinor;
    if (renewal.method === "stored_value") {
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
      .set({ validityEnd: renewal.previousValidityEnd, storedValueHkdMinor: balance, updatedAt: sql`now()` })
      .where(eq(cards.id, card.id));
    await tx.update(periods).set({ voidedAt: now }).where(eq(periods.id, renewal.periodId));
    // Out of the rollup before the status flips, while the row still describes the sale.
    await applyRenewalToRollup(tx, renewal.id, -1);
    await tx
      .update(renewals)
      .set({ status: "voided", voidedAt: now, voidedBy: actor.id, voidReason: reason })
      .where(eq(renewals.id, renewal.id));
    await tx.insert(refunds).values({
      paymentId: renewal.paymentId,
      amountMinor: renewal.amountMinor,
      currency: renewal.currency,
      reason,
      refundedBy: actor.id,
      refundedAt: now,
    });
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
        message: { kind: "renewal_voided", validityEnd: renewal.previousValidityEnd },
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
        validityEnd: renewal.previousValidityEnd,
        storedValueHkdMinor: balance,
        refundMinor: renewal.amountMinor,
        currency: renewal.currency,
        reason,
      },
      context: { ...input.context, reason },
    });
    return { cardId: card.id };
  });
}
