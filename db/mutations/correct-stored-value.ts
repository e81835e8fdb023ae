import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ForbiddenError, PreconditionError } from "@/db/errors";
import { cards, storedValueLedger } from "@/db/schema";
import { formatMoney } from "@/lib/domain/money";
import { may, type Role } from "@/lib/domain/permissions";
import { CORRECTION_MAX_MINOR, correctedBalance } from "@/lib/domain/stored-value";
import { writeAudit, type AuditContext } from "./_shared/audit";
import { claimIdempotencyKey, recordIdempotentResult, requestHash } from "./_shared/idempotency";
import { lockCardForMoney } from "./_shared/lock-card-for-money";

export interface CorrectStoredValueInput {
  idempotencyKey: string;
  cardId: number;
  /** Plus or minus, never zero. */
  deltaMinor: number;
  reason: string;
  context?: AuditContext;
}

export const CORRECTION_SCOPE = "card.stored_value_correction";

/**
 * A supervisor's correction of a card's stored value, plus or minus, with a
 * reason; never below zero (checked against the locked balance, and by the
 * database's own non-negative checks). Ledger row, balance and audit commit together.
 */
export async function correctStoredValue(
  input: CorrectStoredValueInput,
  actor: { id: number; role: Role },
  db: Db = defaultDb,
): Promise<{ ledgerId: number; balanceMinor: number; replayed: boolean }> {
  if (!may.correctStoredValue(actor)) throw new ForbiddenError("forbidden");
  const reason = input.reason.trim();
  if (!reason) throw new PreconditionError("desk.errors.reasonRequired", {}, "reason");
  if (
    !Number.isInteger(input.deltaMinor) ||
    input.deltaMinor === 0 ||
    Math.abs(input.deltaMinor) > CORRECTION_MAX_MINOR
  ) {
    throw new PreconditionError(
      "desk.storedValue.errors.deltaRange",
      { min: formatMoney(1, "HKD"), max: formatMoney(CORRECTION_MAX_MINOR, "HKD") },
      "amount",
    );
  }
  return db.transaction(async (tx) => {
    const replay = await claimIdempotencyKey(tx, {
      key: input.idempotencyKey,
      staffId: actor.id,
      scope: CORRECTION_SCOPE,
      requestHash: requestHash([input.cardId, input.deltaMinor, reason]),
    });
    if (replay) {
      const [row] = await tx
        .select({ balance: storedValueLedger.balanceAfterMinor })
        .from(storedValueLedger)
        .where(eq(storedValueLedger.id, Number(replay.replayedResult)));
      return { ledgerId: Number(replay.replayedResult), balanceMinor: row?.balance ?? 0, replayed: true };
    }
    const card = await lockCardForMoney(tx, input.cardId);
    const balance = correctedBalance(card.storedValueHkdMinor, input.deltaMinor);
    if (balance === null) {
      throw new PreconditionError(
        "desk.storedValue.errors.belowZero",
        { balance: formatMoney(card.storedValueHkdMinor, "HKD") },
        "amount",
      );
    }
    const [ledger] = await tx
      .insert(storedValueLedger)
      .values({
        cardId: card.id,
        deltaMinor: input.deltaMinor,
        balanceAfterMinor: balance,
        reason: "adjustment",
        staffId: actor.id,
      })
      .returning({ id: storedValueLedger.id });
    await tx
      .update(cards)
      .set({ storedValueHkdMinor: balance, updatedAt: sql`now()` })
      .where(eq(cards.id, card.id));
    await recordIdempotentResult(tx, input.idempotencyKey, ledger!.id);
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "card.stored_value_correction",
      entityType: "card",
      entityId: card.id,
      customerId: card.customerId,
      before: { storedValueHkdMinor: card.storedValueHkdMinor },
      after: { storedValueHkdMinor: balance, deltaMinor: input.deltaMinor, ledgerId: ledger!.id },
      context: { ...input.context, reason },
    });
    return { ledgerId: ledger!.id, balanceMinor: balance, replayed: false };
  });
}
