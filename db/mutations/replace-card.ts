import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, ForbiddenError, pgConstraint, pgErrorCode, pgErrorCodes, PreconditionError } from "@/db/errors";
import {
  cardNumbers,
  cards,
  cardSuccessions,
  cardSuspensions,
  periods,
  renewals,
  storedValueLedger,
} from "@/db/schema";
import type { Tx } from "@/db/client";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { lockCard } from "@/db/mutations/_shared/lock-card";
import { deriveCardState } from "@/lib/domain/card-state";
import { suspensionFollowsReplacement } from "@/lib/domain/card-lifecycle";
import type { CardForm, Currency, PaymentMethod, ReplacementReason, SimHandover } from "@/lib/domain/enums";
import { parseIccid } from "@/lib/domain/identifiers";
import { may, type Role } from "@/lib/domain/permissions";
import type { LifecycleRules } from "./suspend-card";

export type ReplacementFee =
  | { kind: "waived"; reason: string; currency: Currency }
  | { kind: "paid"; method: PaymentMethod; currency: Currency; reference: string | null };

export interface ReplaceCardInput {
  cardId: number;
  newIccid: string;
  reason: ReplacementReason;
  form: CardForm;
  handover: SimHandover | null;
  deliveryAddress: string | null;
  fee: ReplacementFee;
  ticketReference: string | null;
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
 * be lifted first. The carrier swap runs after commit.
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
): Promise<{ newCardId: number; successionId: number; customerId: number }> {
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
  if (input.fee.kind === "paid") throw new PreconditionError("lifecycle.errors.fee_payment_unavailable", {}, "method");

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

      const fee = input.fee;
      const feeMinor = rules.fees[fee.currency];
      const balance = old.storedValueHkdMinor;
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
        await tx.update(renewals).set({ cardId: newCardId }).where(inArray(renewals.id, movedRenewalIds));
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
          feeWaivedBy: fee.kind === "waived" ? actor.id : null,
          feeWaiveReason: fee.kind === "waived" ? fee.reason.trim() : null,
          ticketReference: input.ticketReference,
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

      const details = {
        successionId,
        reason: input.reason,
        form: input.form,
        handover,
        deliveryAddress: handover === "delivery" ? deliveryAddress : null,
        fee: {
          amountMinor: feeMinor,
          currency: fee.currency,
          ...(fee.kind === "waived" ? { waived: fee.reason.trim() } : {}),
        },
        ticketReference: input.ticketReference,
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
      });
      return { newCardId, successionId, customerId: old.customerId };
    });
  } catch (error) {
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
