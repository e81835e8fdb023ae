import { eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, ForbiddenError, PreconditionError } from "@/db/errors";
import { sumDrawerCorrections, sumDrawerMovements } from "@/db/queries/cash-drawers";
import { cashDrawers } from "@/db/schema";
import { checkClose } from "@/lib/domain/cash-drawer";
import { formatMoney } from "@/lib/domain/money";
import { writeAudit } from "./_shared/audit";
import { lockCashDrawer } from "./_shared/lock-cash-drawer";

/**
 * Closes the agent's own drawer with the amount they counted. Under the row
 * lock: what it should hold is computed from the money rows (never from the
 * client), the difference and its reason are stored with it, and the audit row
 * commits alongside. From here the drawer is immutable (a trigger), and cash
 * for its day is refused. Closing twice (double click) is refused the second
 * time with the drawer's state.
 */
export async function closeCashDrawer(
  input: { drawerId: number; countedMinor: number; reason: string | null },
  actor: { id: number },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<{ expectedMinor: number; differenceMinor: number }> {
  return db.transaction(async (tx) => {
    const drawer = await lockCashDrawer(tx, input.drawerId);
    const expectedMinor =
      drawer.openingFloatMinor + (await sumDrawerMovements(drawer, tx)) + (await sumDrawerCorrections(drawer.id, tx));
    const reason = input.reason?.trim() || null;
    const { refusal, differenceMinor } = checkClose(
      { staffId: drawer.staffId, status: drawer.status, expectedMinor },
      { actorId: actor.id, countedMinor: input.countedMinor, reason },
    );
    if (refusal?.code === "not_owner") throw new ForbiddenError("drawer.errors.notOwner");
    if (refusal?.code === "not_open") throw new ConflictError("drawer.errors.notOpen");
    if (refusal?.code === "reason_required") {
      throw new PreconditionError(
        "drawer.errors.reasonRequired",
        { difference: formatMoney(differenceMinor, drawer.currency) },
        "reason",
      );
    }
    const now = options.now?.() ?? new Date();
    await tx
      .update(cashDrawers)
      .set({
        status: "closed",
        closedAt: now,
        expectedMinor,
        countedMinor: input.countedMinor,
        differenceReason: differenceMinor === 0 ? null : reason,
      })
      .where(eq(cashDrawers.id, drawer.id));
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "cash_drawer.close",
      entityType: "cash_drawer",
      entityId: drawer.id,
      before: { status: drawer.status },
      after: { status: "closed", expectedMinor, countedMinor: input.countedMinor, differenceMinor },
      context: { reason: differenceMinor === 0 ? null : reason },
    });
    return { expectedMinor, differenceMinor };
  });
}
