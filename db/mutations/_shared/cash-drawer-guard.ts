import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { PreconditionError } from "@/db/errors";
import { cashDrawers } from "@/db/schema";
import type { Currency, PaymentMethod } from "@/lib/domain/enums";
import { hkDay } from "@/lib/domain/time";

/**
 * Cash taken or given back lands in the staff member's drawer for that Hong
 * Kong day; once that drawer is closed the day is immutable, so the cash is
 * refused (DOMAIN.md, "Money at the end of the day"). FOR SHARE on the drawer
 * row: a close running at the same moment waits for this transaction (and
 * then counts this cash), or this one waits for the close and is refused.
 */
export async function assertCashDrawerOpen(
  tx: Tx,
  money: { method: PaymentMethod; staffId: number | null; currency: Currency; at: Date },
): Promise<void> {
  if (money.method !== "cash" || money.staffId === null) return;
  // Locks the drawer whatever its state (an open one too), so a concurrent close waits for this cash.
  const [drawer] = await tx
    .select({ status: cashDrawers.status })
    .from(cashDrawers)
    .where(
      and(
        eq(cashDrawers.staffId, money.staffId),
        eq(cashDrawers.day, hkDay(money.at)),
        eq(cashDrawers.currency, money.currency),
      ),
    )
    .for("share");
  if (drawer && drawer.status !== "open")
    throw new PreconditionError("drawer.errors.closedForCash", { day: hkDay(money.at) }, "method");
}
