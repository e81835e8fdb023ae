import { eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, ForbiddenError } from "@/db/errors";
import { cashDrawers } from "@/db/schema";
import { checkSignOff } from "@/lib/domain/cash-drawer";
import { may, type Role } from "@/lib/domain/permissions";
import { writeAudit } from "./_shared/audit";
import { lockCashDrawer } from "./_shared/lock-cash-drawer";

/** A supervisor signs off another agent's closed drawer, once, with an optional note; audited. */
export async function signOffCashDrawer(
  input: { drawerId: number; note: string | null },
  actor: { id: number; role: Role },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<void> {
  if (!may.superviseCashDrawers(actor)) throw new ForbiddenError("forbidden");
  await db.transaction(async (tx) => {
    const drawer = await lockCashDrawer(tx, input.drawerId);
    const refusal = checkSignOff(drawer, actor.id);
    if (refusal?.code === "own_drawer") throw new ForbiddenError("drawer.errors.ownDrawer");
    if (refusal?.code === "not_closed") {
      throw new ConflictError(drawer.status === "open" ? "drawer.errors.notClosed" : "drawer.errors.alreadySignedOff");
    }
    const now = options.now?.() ?? new Date();
    const note = input.note?.trim() || null;
    await tx
      .update(cashDrawers)
      .set({ status: "signed_off", signedOffBy: actor.id, signedOffAt: now, signOffNote: note })
      .where(eq(cashDrawers.id, drawer.id));
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "cash_drawer.sign_off",
      entityType: "cash_drawer",
      entityId: drawer.id,
      before: { status: "closed" },
      after: { status: "signed_off" },
      context: { note },
    });
  });
}
