import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db as defaultDb, type Db, type DbOrTx } from "@/db";
import { formatMoney, type Currency } from "@/lib/money";
import { methodsNeedingReference, quoteRenewal, type PaymentMethod, type Refusal } from "@/lib/renewal/rules";
import type { SmsLanguage } from "@/lib/sms/templates";
import { ConflictError, NotFoundError, pgConstraint, pgErrorCode, pgErrorCodes, PreconditionError } from "../errors";
import { getSellablePlanVersion } from "../queries/sellable-plans";
import { cardNumbers, cards, idempotencyKeys, payments, periods, renewals, storedValueLedger } from "../schema";
import { writeAudit } from "./audit";
import { enqueueSms } from "./enqueue-notification";
import { applyRenewalToRollup } from "./renewal-rollup";

export interface RenewCardInput {
  idempotencyKey: string;
  cardId: number;
  planVersionId: number;
  method: PaymentMethod;
  currency: Currency;
  reference: string | null;
  smsMsisdn: string;
  smsLanguage: SmsLanguage;
}

export interface RenewalRules {
  graceDays: number;
  capDays: number;
  now?: () => Date;
}

export interface RenewCardResult {
  renewalId: number;
  /** True when this call replayed an earlier one with the same key and wrote nothing. */
  replayed: boolean;
}

export const RENEW_SCOPE = "card.renew";

/** The request a key stands for: the same key may only ever mean the same renewal. */
export function renewRequestHash(input: RenewCardInput): string {
  const canonical = [
    input.cardId,
    input.planVersionId,
    input.method,
    input.currency,
    input.reference ?? "",
    input.smsMsisdn,
    input.smsLanguage,
  ];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

export function refusalError(refusal: Refusal): PreconditionError {
  switch (refusal.code) {
    case "cap_exceeded":
      return new PreconditionError("renewal.cap_exceeded", { capDays: refusal.capDays });
    case "stored_value_short":
      return new PreconditionError(
        "renewal.stored_value_short",
        { balance: formatMoney(refusal.balanceMinor, "HKD"), price: formatMoney(refusal.priceMinor, "HKD") },
        "method",
      );
    case "stored_value_currency":
      return new PreconditionError("renewal.stored_value_currency", {}, "currency");
    default:
      return new PreconditionError(`renewal.${refusal.code}`);
  }
}

/**
 * Renews a card in one transaction: the idempotency key, the locked card row,
 * every rule re-checked against it, the renewal, its period, the payment (and
 * stored-value deduction), the new validity end, the daily rollup, the queued
 * confirmation SMS and the audit row commit together or not at all.
 *
 * Activation with the carrier happens after commit (activateRenewal): no
 * network call is made while the card row is locked.
 */
export async function renewCard(
  input: RenewCardInput,
  actor: { id: number },
  rules: RenewalRules,
  db: Db = defaultDb,
): Promise<RenewCardResult> {
  const requestHash = renewRequestHash(input);
  try {
    return await db.transaction(async (tx) => {
      // A concurrent holder of the same key makes this insert wait for its commit.
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ key: input.idempotencyKey, staffId: actor.id, scope: RENEW_SCOPE, requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length === 0) {
        const [existing] = await tx
          .select({
            staffId: idempotencyKeys.staffId,
            scope: idempotencyKeys.scope,
            requestHash: idempotencyKeys.requestHash,
            result: idempotencyKeys.result,
          })
          .from(idempotencyKeys)
          .where(eq(idempotencyKeys.key, input.idempotencyKey));
        if (
          !existing ||
          existing.staffId !== actor.id ||
          existing.scope !== RENEW_SCOPE ||
          existing.requestHash !== requestHash ||
          !existing.result
        ) {
          throw new ConflictError("renewal.idempotency_mismatch");
        }
        return { renewalId: Number(existing.result), replayed: true };
      }

      const [card] = await tx
        .select({
          id: cards.id,
          customerId: cards.customerId,
          validityEnd: cards.validityEnd,
          suspendedAt: cards.suspendedAt,
          storedValueHkdMinor: cards.storedValueHkdMinor,
        })
        .from(cards)
        .where(eq(cards.id, input.cardId))
        .for("update");
      if (!card) throw new NotFoundError("renewal.card_not_found");

      const plan = await getSellablePlanVersion(input.planVersionId, tx);
      if (!plan) throw new PreconditionError("renewal.plan_not_sellable", {}, "planVersionId");

      const [number] = await tx
        .select({ msisdn: cardNumbers.msisdn })
        .from(cardNumbers)
        .where(
          and(eq(cardNumbers.cardId, card.id), eq(cardNumbers.msisdn, input.smsMsisdn), isNull(cardNumbers.releasedAt)),
        )
        .limit(1);
      if (!number) throw new PreconditionError("renewal.sms_number_not_on_card", {}, "smsMsisdn");

      const now = rules.now?.() ?? new Date();
      const quote = quoteRenewal({
        now,
        card,
        plan,
        method: input.method,
        currency: input.currency,
        graceDays: rules.graceDays,
        capDays: rules.capDays,
      });
      if (quote.refusals[0]) throw refusalError(quote.refusals[0]);

      const reference = methodsNeedingReference.includes(input.method) ? input.reference : null;
      if (methodsNeedingReference.includes(input.method)) {
        if (!reference) throw new PreconditionError("renewal.reference_required", {}, "reference");
        await refuseUsedReference(tx, input.method, reference);
      }

      const [renewal] = await tx
        .insert(renewals)
        .values({
          cardId: card.id,
          planVersionId: plan.planVersionId,
          channel: "console",
          soldBy: actor.id,
          cardState: quote.state === "grace" ? "grace" : "active",
          extensionMode: quote.mode,
          previousValidityEnd: quote.previousValidityEnd,
          newValidityEnd: quote.newValidityEnd,
          priceMinor: quote.priceMinor,
          currency: quote.currency,
          smsMsisdn: number.msisdn,
          smsLanguage: input.smsLanguage,
          status: "paid",
          createdAt: now,
        })
        .returning({ id: renewals.id });
      const renewalId = renewal!.id;

      await tx.insert(periods).values({
        renewalId,
        cardId: card.id,
        startsAt: quote.startsAt,
        endsAt: quote.newValidityEnd,
        dataCnMb: plan.dataCnMb,
        dataHkMb: plan.dataHkMb,
      });
      await tx.insert(payments).values({
        renewalId,
        method: input.method,
        reference,
        amountMinor: quote.priceMinor,
        currency: quote.currency,
        receivedAt: now,
        receivedBy: actor.id,
      });

      let storedValueAfter = card.storedValueHkdMinor;
      if (input.method === "stored_value") {
        storedValueAfter -= quote.priceMinor;
        await tx.insert(storedValueLedger).values({
          cardId: card.id,
          deltaMinor: -quote.priceMinor,
          balanceAfterMinor: storedValueAfter,
          reason: "renewal_payment",
          renewalId,
          staffId: actor.id,
        });
      }
      await tx
        .update(cards)
        .set({ validityEnd: quote.newValidityEnd, storedValueHkdMinor: storedValueAfter, updatedAt: sql`now()` })
        .where(eq(cards.id, card.id));

      await applyRenewalToRollup(tx, renewalId, 1);
      await enqueueSms(tx, {
        kind: "renewal_confirmation",
        cardId: card.id,
        renewalId,
        toMsisdn: number.msisdn,
        language: input.smsLanguage,
        message: {
          kind: "renewal_confirmation",
          planName: { en: plan.nameEn, zh: plan.nameZh },
          validityEnd: quote.newValidityEnd,
          startsAt: quote.startsAt,
          queued: quote.startsAt.getTime() > now.getTime(),
        },
        dedupeKey: `renewal:${renewalId}:confirmation`,
        createdBy: actor.id,
      });
      await tx
        .update(idempotencyKeys)
        .set({ result: String(renewalId) })
        .where(eq(idempotencyKeys.key, input.idempotencyKey));
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "card.renew",
        entityType: "card",
        entityId: card.id,
        before: { validityEnd: card.validityEnd, storedValueHkdMinor: card.storedValueHkdMinor, state: quote.state },
        after: {
          renewalId,
          validityEnd: quote.newValidityEnd,
          storedValueHkdMinor: storedValueAfter,
          planVersionId: plan.planVersionId,
          mode: quote.mode,
          priceMinor: quote.priceMinor,
          currency: quote.currency,
          method: input.method,
          reference,
        },
      });
      return { renewalId, replayed: false };
    });
  } catch (error) {
    // Two renewals racing with one reference: the unique index decides, we name the winner.
    if (
      pgErrorCode(error) === pgErrorCodes.uniqueViolation &&
      pgConstraint(error) === "payments_method_reference_key" &&
      input.reference
    ) {
      await refuseUsedReference(db, input.method, input.reference);
    }
    throw error;
  }
}

async function refuseUsedReference(db: DbOrTx, method: PaymentMethod, reference: string) {
  const [used] = await db
    .select({ renewalId: payments.renewalId })
    .from(payments)
    .where(and(eq(payments.method, method), eq(payments.reference, reference)))
    .limit(1);
  if (used) throw new ConflictError("renewal.reference_used", { renewalId: used.renewalId }, "reference");
}
