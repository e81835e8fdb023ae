import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import type { Currency, PaymentMethod } from "@/lib/domain/enums";
import { describeRefusal, type RenewalRefusal } from "@/lib/domain/renewal-quote";
import type { Language } from "@/lib/domain/enums";
import { checkRenewal } from "@/db/queries/renewals";
import { ConflictError, NotFoundError, PreconditionError, type DomainError } from "../errors";
import { cards, idempotencyKeys, periods, renewals, storedValueLedger } from "../schema";
import { writeAudit, type AuditContext } from "@/db/mutations/_shared/audit";
import { enqueueCarrierRequest } from "@/db/mutations/_shared/enqueue-carrier-request";
import { lostReferenceRace, recordPayment } from "@/db/mutations/_shared/record-payment";
import { enqueueNotification } from "@/db/mutations/_shared/enqueue-notification";
import { applyRenewalToRollup } from "@/db/mutations/_shared/renewal-rollup";

export interface RenewCardInput {
  idempotencyKey: string;
  cardId: number;
  planVersionId: number;
  method: PaymentMethod;
  currency: Currency;
  reference: string | null;
  smsMsisdn: string;
  smsLanguage: Language;
  /** The agent acknowledged a renewal of this card in the last few minutes (required when there is one). */
  acknowledgeRecentRenewal: boolean;
  /** Ticket, channel and note for the audit row; not part of what the idempotency key stands for. */
  context?: AuditContext;
}

export interface RenewalRules {
  graceDays: number;
  capYears: number;
  now?: () => Date;
}

export interface RenewCardResult {
  renewalId: number;
  /** True when this call replayed an earlier one with the same key and wrote nothing. */
  replayed: boolean;
  /** The activation queued with it, for the caller to perform after commit (null on a replay). */
  activationRequestId: number | null;
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

/** A refusal as the error the action wrapper turns into its message (on its field). */
export function refusalError(refusal: RenewalRefusal): DomainError {
  const { key, params, field } = describeRefusal(refusal);
  if (refusal.code === "card_not_found") return new NotFoundError(key, params, field);
  if (refusal.code === "reference_used" || refusal.code === "reference_used_other") {
    return new ConflictError(key, params, field);
  }
  return new PreconditionError(key, params, field);
}

/**
 * Renews a card in one transaction: the idempotency key, the locked card row,
 * every rule re-checked against it, the renewal, its period, the payment (and
 * stored-value deduction), the new validity end, the daily rollup, the queued
 * confirmation SMS (held until activation), the queued carrier activation and
 * the audit row commit together or not at all.
 *
 * The caller performs the activation after commit (performCarrierRequests),
 * and the carrier worker retries it: no network call is made while the card
 * row is locked.
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
        return { renewalId: Number(existing.result), replayed: true, activationRequestId: null };
      }

      const now = rules.now?.() ?? new Date();
      const check = await checkRenewal(
        input,
        { graceDays: rules.graceDays, capYears: rules.capYears, now },
        { lock: true },
        tx,
      );
      // A check that is not accepted always names at least one refusal; the first is the one shown.
      if (!check.accepted) throw refusalError(check.refusals[0]!);
      const { card, plan, quote, smsMsisdn, reference } = check.accepted;

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
          smsMsisdn: smsMsisdn,
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
        endsAt: quote.periodEndsAt,
        dataCnMb: plan.dataCnMb,
        dataHkMb: plan.dataHkMb,
      });
      await recordPayment(tx, {
        purpose: "renewal",
        cardId: card.id,
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
      const activation = await enqueueCarrierRequest(tx, {
        kind: "activate",
        cardId: card.id,
        renewalId,
        payload: {
          startsAt: quote.startsAt.toISOString(),
          endsAt: quote.periodEndsAt.toISOString(),
          dataCnMb: plan.dataCnMb,
          dataHkMb: plan.dataHkMb,
        },
        dedupeKey: `renewal:${renewalId}:activate`,
        createdBy: actor.id,
      });
      await enqueueNotification(tx, {
        kind: "renewal_confirmation",
        cardId: card.id,
        renewalId,
        toMsisdn: smsMsisdn,
        language: input.smsLanguage,
        message: {
          kind: "renewal_confirmation",
          planName: { en: plan.nameEn, zh: plan.nameZh, zhHant: plan.nameZhHant },
          validityEnd: quote.newValidityEnd,
          startsAt: quote.startsAt,
          queued: quote.startsAt.getTime() > now.getTime(),
          amountMinor: quote.priceMinor,
          currency: quote.currency,
          renewalId,
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
        context: input.context,
      });
      return { renewalId, replayed: false, activationRequestId: activation.id };
    });
  } catch (error) {
    // Two renewals racing with one reference: the unique index decides, we name the winner.
    const lost = await lostReferenceRace(error, input, db);
    if (lost) throw refusalError(lost);
    throw error;
  }
}
