import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, pgConstraint, pgErrorCode, pgErrorCodes, PreconditionError } from "@/db/errors";
import { cardNumbers, cards, cardSuccessions } from "@/db/schema";
import { writeAudit, type AuditContext } from "@/db/mutations/_shared/audit";
import { lockCard } from "@/db/mutations/_shared/lock-card";
import { deriveCardState } from "@/lib/domain/card-state";
import type { CardForm } from "@/lib/domain/enums";
import { formatMsisdn, parsePhone } from "@/lib/domain/identifiers";
import { acceptIccid } from "./replace-card";
import type { LifecycleRules } from "./suspend-card";

export interface IssueNewCardInput {
  /** The expired card the customer had. */
  cardId: number;
  newIccid: string;
  form: CardForm;
  /** As typed; at least one. */
  hkNumber: string | null;
  cnNumber: string | null;
  /** Ticket, channel and contact note for the audit row (lib/validation/contact.ts). */
  context?: AuditContext;
}

/** The typed numbers as E.164, or the field error each typo gets before anything is written. */
export function acceptNewNumbers(input: { hkNumber: string | null; cnNumber: string | null }) {
  const numbers: { region: "HK" | "CN"; msisdn: string; field: "hkNumber" | "cnNumber" }[] = [];
  for (const [field, region] of [
    ["hkNumber", "HK"],
    ["cnNumber", "CN"],
  ] as const) {
    const typed = input[field]?.trim();
    if (!typed) continue;
    const parsed = parsePhone(typed);
    if (!parsed || parsed.region !== region) {
      throw new PreconditionError(
        region === "HK" ? "lifecycle.errors.hk_number_format" : "lifecycle.errors.cn_number_format",
        {},
        field,
      );
    }
    numbers.push({ region, msisdn: parsed.msisdn, field });
  }
  if (numbers.length === 0) throw new PreconditionError("lifecycle.errors.number_required", {}, "hkNumber");
  return numbers;
}

/**
 * A new card for the customer of an expired one (its numbers released, its
 * stored value forfeited at the end of grace), with a new ICCID and new
 * numbers: in one transaction the expired card (locked) gets its successor
 * link, its numbers are marked released as of its grace end, the new card and
 * its numbers are written, with an audit row on each card. A number is
 * refused while it is on a live card (not expired, not replaced); on an
 * expired card it was released and may be issued again. The new card has no
 * validity yet: its first renewal, sold next in the same flow, gives it.
 */
export async function issueNewCard(
  input: IssueNewCardInput,
  actor: { id: number },
  rules: LifecycleRules,
  db: Db = defaultDb,
): Promise<{ newCardId: number; customerId: number }> {
  const newIccid = acceptIccid(input.newIccid);
  const numbers = acceptNewNumbers(input);
  const ticketRef = input.context?.ticketRef?.trim() || null;
  try {
    return await db.transaction(async (tx) => {
      const old = await lockCard(tx, input.cardId);
      const now = rules.now?.() ?? new Date();
      const { state, graceEndsAt } = deriveCardState(old, now, rules.graceDays);
      const [successor] = await tx
        .select({ newCardId: cardSuccessions.newCardId })
        .from(cardSuccessions)
        .where(eq(cardSuccessions.oldCardId, old.id));
      if (successor) throw new ConflictError("lifecycle.errors.new_card_exists", { cardId: successor.newCardId });
      // Past its grace window the card is gone, suspended or not; a replaced one already has its successor.
      if (old.replacedAt || now.getTime() <= graceEndsAt.getTime())
        throw new PreconditionError("lifecycle.errors.not_expired");

      const [iccidUsed] = await tx.select({ id: cards.id }).from(cards).where(eq(cards.iccid, newIccid)).limit(1);
      if (iccidUsed) throw new ConflictError("lifecycle.errors.iccid_used", { cardId: iccidUsed.id }, "newIccid");

      // The expired card's own numbers were released at its grace end: record it.
      await tx
        .update(cardNumbers)
        .set({ releasedAt: graceEndsAt })
        .where(and(eq(cardNumbers.cardId, old.id), isNull(cardNumbers.releasedAt)));

      // Each typed number must be free: on no live card. On another expired card it was released too.
      const holders = await tx
        .select({
          id: cardNumbers.id,
          msisdn: cardNumbers.msisdn,
          cardId: cards.id,
          validityEnd: cards.validityEnd,
          suspendedAt: cards.suspendedAt,
          replacedAt: cards.replacedAt,
        })
        .from(cardNumbers)
        .innerJoin(cards, eq(cards.id, cardNumbers.cardId))
        .where(
          and(
            inArray(
              cardNumbers.msisdn,
              numbers.map((n) => n.msisdn),
            ),
            isNull(cardNumbers.releasedAt),
          ),
        )
        .for("update", { of: cardNumbers });
      for (const holder of holders) {
        const held = deriveCardState(holder, now, rules.graceDays);
        if (holder.replacedAt || now.getTime() <= held.graceEndsAt.getTime()) {
          const field = numbers.find((n) => n.msisdn === holder.msisdn)!.field;
          throw new ConflictError(
            "lifecycle.errors.number_in_use",
            { number: formatMsisdn(holder.msisdn), cardId: holder.cardId },
            field,
          );
        }
        await tx.update(cardNumbers).set({ releasedAt: held.graceEndsAt }).where(eq(cardNumbers.id, holder.id));
      }

      const [created] = await tx
        .insert(cards)
        .values({
          customerId: old.customerId,
          iccid: newIccid,
          form: input.form,
          // No validity until its first renewal: the renewal starts its period now.
          validityEnd: now,
          storedValueHkdMinor: 0,
          activatedAt: now,
          createdAt: now,
        })
        .returning({ id: cards.id });
      const newCardId = created!.id;
      await tx.insert(cardNumbers).values(
        numbers.map((n) => ({
          cardId: newCardId,
          region: n.region,
          msisdn: n.msisdn,
          realNameStatus: "pending" as const,
        })),
      );
      await tx.insert(cardSuccessions).values({
        kind: "new_card",
        oldCardId: old.id,
        newCardId,
        form: input.form,
        handover: input.form === "physical" ? "pickup" : null,
        ticketReference: ticketRef,
        createdBy: actor.id,
        createdAt: now,
      });
      await tx
        .update(cards)
        .set({ updatedAt: sql`now()` })
        .where(eq(cards.id, old.id));

      const forfeited = { storedValueHkdMinor: old.storedValueHkdMinor, forfeitedAt: graceEndsAt };
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "card.new_card_issued",
        entityType: "card",
        entityId: old.id,
        before: { state, validityEnd: old.validityEnd, ...forfeited },
        after: { newCardId, numbersReleasedAt: graceEndsAt, ticketReference: ticketRef },
        context: input.context,
      });
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "card.issue",
        entityType: "card",
        entityId: newCardId,
        before: null,
        after: {
          followsCardId: old.id,
          iccid: newIccid,
          form: input.form,
          numbers: numbers.map((n) => n.msisdn),
          ticketReference: ticketRef,
        },
        context: input.context,
      });
      return { newCardId, customerId: old.customerId };
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) {
      const constraint = pgConstraint(error);
      if (constraint === "cards_iccid_key") {
        const [used] = await db.select({ id: cards.id }).from(cards).where(eq(cards.iccid, newIccid)).limit(1);
        if (used) throw new ConflictError("lifecycle.errors.iccid_used", { cardId: used.id }, "newIccid");
      }
      if (constraint === "card_numbers_msisdn_live_key") {
        throw new ConflictError("lifecycle.errors.number_taken", {}, numbers[0]!.field);
      }
      if (constraint === "card_successions_old_card_key") {
        const [winner] = await db
          .select({ newCardId: cardSuccessions.newCardId })
          .from(cardSuccessions)
          .where(eq(cardSuccessions.oldCardId, input.cardId));
        if (winner) throw new ConflictError("lifecycle.errors.new_card_exists", { cardId: winner.newCardId });
      }
    }
    throw error;
  }
}
