import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { NotFoundError } from "@/db/errors";
import { cashDrawers } from "@/db/schema";

/** The drawer row, locked FOR UPDATE: cash writers hold it FOR SHARE (cash-drawer-guard.ts), so a close waits for them. */
export async function lockCashDrawer(tx: Tx, drawerId: number) {
  const [drawer] = await tx
    .select({
      id: cashDrawers.id,
      staffId: cashDrawers.staffId,
      day: cashDrawers.day,
      currency: cashDrawers.currency,
      status: cashDrawers.status,
      openingFloatMinor: cashDrawers.openingFloatMinor,
      expectedMinor: cashDrawers.expectedMinor,
      countedMinor: cashDrawers.countedMinor,
    })
    .from(cashDrawers)
    .where(eq(cashDrawers.id, drawerId))
    .for("update");
  if (!drawer) throw new NotFoundError("drawer.errors.notFound");
  return drawer;
}
