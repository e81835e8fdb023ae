import { db as defaultDb, type Db } from "@/db";
import { ForbiddenError, PreconditionError } from "@/db/errors";
import { cashDrawerCorrections } from "@/db/schema";
import { CASH_FLOAT_MAX_MINOR } from "@/lib/domain/cash-drawer";
import { may, type Role } from "@/lib/domain/permissions";
import { claimIdempotencyKey, recordIdempotentResult, requestHash } from "./_shared/idempotency";
import { writeAudit } from "./_shared/audit";
import { lockCashDrawer } from "./_shared/lock-cash-drawer";

export const DRAWER_CORRECTION_SCOPE = "cash_drawer.correct";

/**
 * A supervisor's correction to a drawer, closed ones included: a new signed
 * entry with its reason (a closed day is never edited), exactly once per
 * idempotency key, with its audit row.
 */
export async function correctCashDrawer(
  input: { idempotencyKey: string; drawerId: number; amountMinor: number; reason: string },
  actor: { id: number; role: Role },
  db: Db = defaultDb,
): Promise<{ correctionId: number; replayed: boolean }> {
  if (!may.superviseCashDrawers(actor)) throw new ForbiddenError("forbidden");
  if (
    !Number.isInteger(input.amountMinor) ||
    input.amountMinor === 0 ||
    Math.abs(input.amountMinor) > CASH_FLOAT_MAX_MINOR
  ) {
    throw new PreconditionError("drawer.errors.correctionAmount", {}, "amount");
  }
  if (!input.reason.trim()) throw new PreconditionError("drawer.errors.reasonMissing", {}, "reason");
  return db.transaction(async (tx) => {
    const replay = await claimIdempotencyKey(tx, {
      key: input.idempotencyKey,
      staffId: actor.id,
      scope: DRAWER_CORRECTION_SCOPE,
      requestHash: requestHash([input.drawerId, input.amountMinor, input.reason.trim()]),
    });
    if (replay) return { correctionId: Number(replay.replayedResult), replayed: true };
    const drawer = await lockCashDrawer(tx, input.drawerId);
    const [row] = await tx
      .insert(cashDrawerCorrections)
      .values({ drawerId: drawer.id, amountMinor: input.amountMinor, reason: input.reason.trim(), createdBy: actor.id })
      .returning({ id: cashDrawerCorrections.id });
    await recordIdempotentResult(tx, input.idempotencyKey, row!.id);
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "cash_drawer.correct",
      entityType: "cash_drawer",
      entityId: drawer.id,
      after: { correctionId: row!.id, amountMinor: input.amountMinor, drawerStatus: drawer.status },
      context: { reason: input.reason.trim() },
    });
    return { correctionId: row!.id, replayed: false };
  });
}
