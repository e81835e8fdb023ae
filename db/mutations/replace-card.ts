import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, ForbiddenError, pgConstraint, pgErrorCode, pgErrorCodes, PreconditionError } from "@/db/errors";
import {
  cardNumbers,
  cards,
  cardSuccessions,
  cardSuspensions,
  payments,
  periods,
  renewals,
  storedValueLedger,
} from "@/db/schema";
import type { Tx } from "@/db/client";
import { writeAudit, type AuditContext } from "@/db/mutations/_shared/audit";
import { enqueueCarrierRequest } from "@/db/mutations/_shared/enqueue-carrier-request";
import { lockCard } from "@/db/mutations/_shared/lock-card";
import { lostReferenceRace, recordPayment } from "@/db/mutations/_shared/record-payment";
import { checkPayment } from "@/db/queries/payments";
import { describePaymentRefusal } from "@/lib/domain/payment-step";
import { formatMoney } from "@/lib/domain/money";
import { deriveCardState } from "@/lib/domain/card-state";
import { suspensionFollowsReplacement } from "@/lib/domain/card-lifecycle";
import type { CardForm, Currency, PaymentMethod, ReplacementReason, SimHandover } from "@/lib/domain/enums";
import { parseIccid } from "@/lib/domain/identifiers";
import { may, type Role } from "@/lib/domain/permissions";
import type { LifecycleRules } from "./suspend-card";

export type ReplacementFee =
  | { kind: "waived"; reason: string; currency: Currency }
  | { kind: "paid"; method: PaymentMethod | null; currency: Currency; reference: string | null };

export interface ReplaceCardInput {
  cardId: number;
  newIccid: string;
  reason: ReplacementReason;
  form: CardForm;
  handover: SimHandover | null;
  deliveryAddress: string | null;
  fee: ReplacementFee;
  /** Ticket, channel and contact note for the audit row (lib/validation/contact.ts). */
  context?: AuditContext;
}

export interface ReplacementRules extends LifecycleRules {
  fees: Record<Currency, number>;
}

/** An ICCID already on a card: the refusal names that card. */
async function assertIccidUnused(tx: Tx | Db, iccid: string) {
  const [used] = await tx.select({ id: cards.id }).from(cards).where(eq(cards.iccid, iccid)).limit(1);
  if (used) throw new ConflictError("lifecycle.errors.iccid_used", { cardId: used.id }, "newIccid");
}

/** The ICCID as stored, or the field error a typo gets before anything is read or written. */
export function acceptIccid(input: string): string {
  const iccid = parseIccid(input);
  if (iccid) return iccid;
  const digits = input.replace(/[\s-]/g, "");
  throw new PreconditionError(
    /^\d{19,20}$/.test(digits) ? "lifecycle.errors.iccid_check_digit" : "lifecycle.errors.iccid_format",
    {},
    "newIccid",
  );
}

/**
 * Replaces a lost, stolen or damaged SIM with a new ICCID, in one transaction:
 * the old card (locked) becomes `replaced` with a link to its successor; the
 * new card takes over the numbers (moved, so every per-number detail comes
 * along; the old card keeps a released copy for its history), the validity,
 * the periods not yet ended (current and queued, with their renewals, so a
 * later void or activation acts on the new SIM), and the stored value (ledger
 * rows on both cards); the fee is paid or waived; the succession row, and an
 * audit row on each card. A lost or stolen card's suspension stays with the
 * old SIM; any other suspension follows the numbers; a fraud suspension must
 * be lifted first. The carrier `swap` (and, when the suspension follows the
 * numbers, a `suspend` of the new SIM) is queued in the same transaction and
 * performed after commit (`carrierRequestIds`), retried by the carrier worker.
 *
 * Two agents replacing one card: the second waits on the card row lock and
 * then finds it replaced (the unique old_card_id of card_successions backs
 * this up); it is told which card replaced it.
 */
export async function replaceCard(
  input: ReplaceCardInput,
  actor: { id: number; role: Role },
  rules: ReplacementRules,
  db: Db = defaultDb,
): Promise<{ newCardId: number; successionId: number; customerId: number; carrierRequestIds: number[] }> {
  const newIccid = acceptIccid(input.newIccid);
  if (input.fee.kind === "waived") {
    if (!may.waiveReplacementFee(actor)) throw new ForbiddenError("lifecycle.errors.waive_not_allowed", {}, "waive");
    if (!input.fee.reason.trim())
      throw new PreconditionError("lifecycle.errors.waive_reason_required", {}, "waiveReason");
  }
  const deliveryAddress = input.deliveryAddress?.trim() || null;
  const handover = input.form === "physical" ? input.handover : null;
  if (input.form === "physical" && !handover)
    throw new PreconditionError("lifecycle.errors.handover_required", {}, "handover");
  if (handover === "delivery" && !deliveryAddress) {
    throw new PreconditionError("lifecycle.errors.address_required", {}, "deliveryAddress");
  }
  const ticketRef = input.context?.ticketRef?.trim() || null;
  const fee = input.fee;
  if (fee.kind === "paid" && !fee.method) throw new PreconditionError("lifecycle.errors.choose_method", {}, "method");
  if (fee.kind === "paid" && fee.method === "stored_value" && fee.currency !== "HKD") {
    throw new PreconditionError("renewal.stored_value_currency", {}, "currency");
  }

  try {
    return await db.transaction(async (tx) => {
      const old = await lockCard(tx, input.cardId);
      const now = rules.now?.() ?? new Date();
      const { state } = deriveCardState(old, now, rules.graceDays);
      if (state === "replaced") {
        throw new ConflictError("lifecycle.errors.already_replaced", { cardId: old.replacedByCardId ?? 0 });
      }
      if (state === "expired") throw new PreconditionError("lifecycle.errors.replace_expired");
      if (old.suspensionReason === "fraud" || old.suspensionReason === "other") {
        throw new PreconditionError("lifecycle.errors.fraud_blocks_replacement");
      }
      await assertIccidUnused(tx, newIccid);

      const feeMinor = rules.fees[fee.currency];
      // The fee's payment step is the renewal's: a reference for electronic methods, once per method.
      let reference: string | null = null;
      if (fee.kind === "paid" && fee.method) {
        const checked = await checkPayment({ method: fee.method, reference: fee.reference }, tx);
        const refusal = checked.refusals[0];
        if (refusal) {
          const { key, params, field } = describePaymentRefusal(refusal);
          throw refusal.code === "reference_required" || refusal.code === "reference_format"
            ? new PreconditionError(key, params, field)
            : new ConflictError(key, params, field);
        }
        reference = checked.reference;
        if (fee.method === "stored_value" && old.storedValueHkdMinor < feeMinor) {
          throw new PreconditionError(
            "renewal.stored_value_short",
            { balance: formatMoney(old.storedValueHkdMinor, "HKD"), price: formatMoney(feeMinor, "HKD") },
            "method",
          );
        }
      }
      const paidFromBalance = fee.kind === "paid" && fee.method === "stored_value" ? feeMinor : 0;
      const balance = old.storedValueHkdMinor - paidFromBalance;
      const follows = old.suspensionReason !== null && suspensionFollowsReplacement(old.suspensionReason, input.reason);

      const [created] = await tx
        .insert(cards)
        .values({
          customerId: old.customerId,
          iccid: newIccid,
          form: input.form,
          validityEnd: old.validityEnd,
          suspendedAt: follows ? now : null,
          suspensionReason: follows ? old.suspensionReason : null,
          suspendedBy: follows ? old.suspendedBy : null,
          storedValueHkdMinor: balance,
          activatedAt: now,
          createdAt: now,
        })
        .returning({ id: cards.id });
      const newCardId = created!.id;

      // Numbers move (every per-number column comes along); the old card keeps a released copy for its history.
      const moved = await tx
        .update(cardNumbers)
        .set({ cardId: newCardId })
        .where(and(eq(cardNumbers.cardId, old.id), isNull(cardNumbers.releasedAt)))
        .returning({
          msisdn: cardNumbers.msisdn,
          region: cardNumbers.region,
          realNameStatus: cardNumbers.realNameStatus,
        });
      if (moved.length) {
        await tx.insert(cardNumbers).values(moved.map((n) => ({ ...n, cardId: old.id, releasedAt: now })));
      }

      // Periods not yet ended (the one in use and the queued ones) move with their renewals.
      const movedPeriods = await tx
        .update(periods)
        .set({ cardId: newCardId })
        .where(and(eq(periods.cardId, old.id), isNull(periods.voidedAt), gt(periods.endsAt, now)))
        .returning({ renewalId: periods.renewalId });
      const movedRenewalIds = movedPeriods.map((p) => p.renewalId);
      if (movedRenewalIds.length) {
        // Renewal first: the payments trigger checks a payment's card against its renewal's.
        await tx.update(renewals).set({ cardId: newCardId }).where(inArray(renewals.id, movedRenewalIds));
        await tx.update(payments).set({ cardId: newCardId }).where(inArray(payments.renewalId, movedRenewalIds));
      }

      const paymentId =
        fee.kind === "paid" && fee.method
          ? await recordPayment(tx, {
              purpose: "replacement_fee",
              cardId: newCardId,
              renewalId: null,
              method: fee.method,
              reference,
              amountMinor: feeMinor,
              currency: fee.currency,
              receivedAt: now,
              receivedBy: actor.id,
            })
          : null;
      if (paidFromBalance > 0) {
        await tx.insert(storedValueLedger).values({
          cardId: old.id,
          deltaMinor: -paidFromBalance,
          balanceAfterMinor: balance,
          reason: "replacement_fee",
          paymentId,
          staffId: actor.id,
        });
      }

      if (balance > 0) {
        await tx.insert(storedValueLedger).values([
          {
            cardId: old.id,
            deltaMinor: -balance,
            balanceAfterMinor: 0,
            reason: "replacement_transfer",
            staffId: actor.id,
          },
          {
            cardId: newCardId,
            deltaMinor: balance,
            balanceAfterMinor: balance,
            reason: "replacement_transfer",
            staffId: actor.id,
          },
        ]);
      }

      const [succession] = await tx
        .insert(cardSuccessions)
        .values({
          kind: "replacement",
          oldCardId: old.id,
          newCardId,
          reason: input.reason,
          form: input.form,
          handover,
          deliveryAddress: handover === "delivery" ? deliveryAddress : null,
          feeMinor,
          feeCurrency: fee.currency,
          paymentId,
          feeWaivedBy: fee.kind === "waived" ? actor.id : null,
          feeWaiveReason: fee.kind === "waived" ? fee.reason.trim() : null,
          ticketReference: ticketRef,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning({ id: cardSuccessions.id });
      const successionId = succession!.id;

      if (old.suspendedAt && old.suspensionReason) {
        // The old SIM's suspension record closes: it either ended here (lost, stolen) or moved with the numbers.
        await tx
          .update(cardSuspensions)
          .set({ liftedAt: now, liftedBy: actor.id, endedByReplacementId: successionId })
          .where(and(eq(cardSuspensions.cardId, old.id), isNull(cardSuspensions.liftedAt)));
        if (follows) {
          await tx.insert(cardSuspensions).values({
            cardId: newCardId,
            reason: old.suspensionReason,
            note: `Carried over from card #${old.id}`,
            suspendedBy: old.suspendedBy,
            suspendedAt: now,
          });
        }
      }

      await tx
        .update(cards)
        .set({ replacedAt: now, replacedByCardId: newCardId, storedValueHkdMinor: 0, updatedAt: sql`now()` })
        .where(eq(cards.id, old.id));

      const swap = await enqueueCarrierRequest(tx, {
        kind: "swap",
        cardId: newCardId,
        payload: { oldIccid: old.iccid, newIccid, msisdns: moved.map((n) => n.msisdn), form: input.form },
        dedupeKey: `card:${old.id}:swap:${successionId}`,
        createdBy: actor.id,
      });
      const carrierRequestIds = [swap.id];
      if (follows) {
        const suspend = await enqueueCarrierRequest(tx, {
          kind: "suspend",
          cardId: newCardId,
          payload: { reason: old.suspensionReason, iccid: newIccid, carriedFromCardId: old.id },
          dedupeKey: `card:${newCardId}:suspend:carried:${successionId}`,
          createdBy: actor.id,
        });
        carrierRequestIds.push(suspend.id);
      }

      const details = {
        successionId,
        reason: input.reason,
        form: input.form,
        handover,
        deliveryAddress: handover === "delivery" ? deliveryAddress : null,
        fee:
          fee.kind === "waived"
            ? { amountMinor: feeMinor, currency: fee.currency, waived: fee.reason.trim() }
            : { amountMinor: feeMinor, currency: fee.currency, method: fee.method, reference, paymentId },
        ticketReference: ticketRef,
        carrierRequestIds,
      };
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "card.replace",
        entityType: "card",
        entityId: old.id,
        before: {
          state,
          iccid: old.iccid,
          validityEnd: old.validityEnd,
          storedValueHkdMinor: balance,
          suspensionReason: old.suspensionReason,
        },
        after: { state: "replaced", replacedByCardId: newCardId, storedValueHkdMinor: 0, ...details },
        // A waiver is a supervisor action: its reason goes into the record of contact.
        context: { ...input.context, reason: fee.kind === "waived" ? fee.reason.trim() : input.context?.reason },
      });
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "card.replacement_issued",
        entityType: "card",
        entityId: newCardId,
        before: null,
        after: {
          replacesCardId: old.id,
          iccid: newIccid,
          numbers: moved.map((n) => n.msisdn),
          validityEnd: old.validityEnd,
          storedValueHkdMinor: balance,
          renewalIds: movedRenewalIds,
          suspensionReason: follows ? old.suspensionReason : null,
          ...details,
        },
        context: { ...input.context, reason: fee.kind === "waived" ? fee.reason.trim() : input.context?.reason },
      });
      return { newCardId, successionId, customerId: old.customerId, carrierRequestIds };
    });
  } catch (error) {
    if (fee.kind === "paid" && fee.method) {
      const lost = await lostReferenceRace(error, { method: fee.method, reference: fee.reference }, db);
      if (lost) {
        const { key, params, field } = describePaymentRefusal(lost);
        throw new ConflictError(key, params, field);
      }
    }
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) {
      const constraint = pgConstraint(error);
      // Another agent's replacement or card took the ICCID between our check and our insert.
      if (constraint === "cards_iccid_key") await assertIccidUnused(db, newIccid);
      if (constraint === "card_successions_old_card_key") {
        const [winner] = await db
          .select({ newCardId: cardSuccessions.newCardId })
          .from(cardSuccessions)
          .where(eq(cardSuccessions.oldCardId, input.cardId));
        if (winner) throw new ConflictError("lifecycle.errors.already_replaced", { cardId: winner.newCardId });
      }
    }
    throw error;
  }
}
