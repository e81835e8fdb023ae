import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, PreconditionError, type DomainError } from "@/db/errors";
import { checkPayment } from "@/db/queries/payments";
import { cards, storedValueLedger } from "@/db/schema";
import { deriveCardState } from "@/lib/domain/card-state";
import type { PaymentMethod } from "@/lib/domain/enums";
import { formatMoney } from "@/lib/domain/money";
import { describePaymentRefusal, type PaymentRefusal } from "@/lib/domain/payment-step";
import { TOP_UP_MAX_MINOR, TOP_UP_MIN_MINOR } from "@/lib/domain/stored-value";
import { writeAudit, type AuditContext } from "./_shared/audit";
import { enqueueNotification } from "./_shared/enqueue-notification";
import { claimIdempotencyKey, recordIdempotentResult, requestHash } from "./_shared/idempotency";
import { lockCardForMoney } from "./_shared/lock-card-for-money";
import { lostReferenceRace, recordPayment } from "./_shared/record-payment";

export interface TopUpInput {
  idempotencyKey: string;
  cardId: number;
  amountMinor: number;
  method: Exclude<PaymentMethod, "stored_value">;
  reference: string | null;
  context?: AuditContext;
}

export const TOP_UP_SCOPE = "card.top_up";

export function paymentRefusalError(refusal: PaymentRefusal): DomainError {
  const { key, params, field } = describePaymentRefusal(refusal);
  return refusal.code === "reference_required"
    ? new PreconditionError(key, params, field)
    : new ConflictError(key, params, field);
}

/**
 * Tops up a card's HKD stored value, exactly once per idempotency key: the
 * payment (the shared payment step: reference rules, once per method), the
 * ledger row pointing at it, the new balance, the customer's SMS and the audit
 * row commit together. Any agent may; an expired card's stored value is gone.
 */
export async function topUpStoredValue(
  input: TopUpInput,
  actor: { id: number },
  options: { graceDays: number; now?: () => Date },
  db: Db = defaultDb,
): Promise<{ paymentId: number; replayed: boolean }> {
  if (
    !Number.isInteger(input.amountMinor) ||
    input.amountMinor < TOP_UP_MIN_MINOR ||
    input.amountMinor > TOP_UP_MAX_MINOR
  ) {
    throw new PreconditionError(
      "desk.topUp.errors.amountRange",
      { min: formatMoney(TOP_UP_MIN_MINOR, "HKD"), max: formatMoney(TOP_UP_MAX_MINOR, "HKD") },
      "amount",
    );
  }
  if ((input.method as PaymentMethod) === "stored_value") {
    throw new PreconditionError("desk.topUp.errors.method", {}, "method");
  }
  try {
    return await db.transaction(async (tx) => {
      const replay = await claimIdempotencyKey(tx, {
        key: input.idempotencyKey,
        staffId: actor.id,
        scope: TOP_UP_SCOPE,
        requestHash: requestHash([input.cardId, input.amountMinor, input.method, input.reference ?? ""]),
      });
      if (replay) return { paymentId: Number(replay.replayedResult), replayed: true };
      const now = options.now?.() ?? new Date();
      const card = await lockCardForMoney(tx, input.cardId);
      if (deriveCardState(card, now, options.graceDays).state === "expired") {
        throw new PreconditionError("desk.topUp.errors.cardExpired");
      }
      const payment = await checkPayment({ method: input.method, reference: input.reference }, tx);
      if (payment.refusals.length > 0) throw paymentRefusalError(payment.refusals[0]!);

      const paymentId = await recordPayment(tx, {
        purpose: "top_up",
        cardId: card.id,
        renewalId: null,
        method: input.method,
        reference: payment.reference,
        amountMinor: input.amountMinor,
        currency: "HKD",
        receivedAt: now,
        receivedBy: actor.id,
      });
      const balance = card.storedValueHkdMinor + input.amountMinor;
      await tx.insert(storedValueLedger).values({
        cardId: card.id,
        deltaMinor: input.amountMinor,
        balanceAfterMinor: balance,
        reason: "top_up",
        paymentId,
        staffId: actor.id,
        createdAt: now,
      });
      await tx
        .update(cards)
        .set({ storedValueHkdMinor: balance, updatedAt: sql`now()` })
        .where(eq(cards.id, card.id));
      if (card.smsMsisdn) {
        await enqueueNotification(tx, {
          kind: "stored_value_top_up",
          cardId: card.id,
          toMsisdn: card.smsMsisdn,
          language: card.language,
          message: {
            kind: "stored_value_top_up",
            amount: formatMoney(input.amountMinor, "HKD"),
            balance: formatMoney(balance, "HKD"),
          },
          dedupeKey: `top_up:${paymentId}`,
          createdBy: actor.id,
        });
      }
      await recordIdempotentResult(tx, input.idempotencyKey, paymentId);
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "card.top_up",
        entityType: "card",
        entityId: card.id,
        customerId: card.customerId,
        before: { storedValueHkdMinor: card.storedValueHkdMinor },
        after: {
          storedValueHkdMinor: balance,
          paymentId,
          amountMinor: input.amountMinor,
          method: input.method,
          reference: payment.reference,
        },
        context: input.context,
      });
      return { paymentId, replayed: false };
    });
  } catch (error) {
    const lost = await lostReferenceRace(error, input, db);
    if (lost) throw paymentRefusalError(lost);
    throw error;
  }
}
