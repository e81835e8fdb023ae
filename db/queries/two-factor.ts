import { and, count, eq, isNull } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { staffRecoveryCodes, staffTwoFactor } from "../schema";

/** Whether a member has confirmed 2FA, since when, and how many recovery codes remain. */
export async function getTwoFactorStatus(staffId: number, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({ confirmedAt: staffTwoFactor.confirmedAt })
    .from(staffTwoFactor)
    .where(eq(staffTwoFactor.staffId, staffId));
  const [codes] = await db
    .select({ left: count() })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt)));
  return {
    enrolled: Boolean(row?.confirmedAt),
    enrolledAt: row?.confirmedAt ?? null,
    pending: Boolean(row && !row.confirmedAt),
    recoveryCodesLeft: codes?.left ?? 0,
  };
}
