import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { staff } from "../schema";

/**
 * The staff member a session token names, if that session is still good:
 * the account is enabled and its session version matches the token's (a role
 * change, disable or password reset bumps it).
 */
export async function getSessionStaff(id: number, sessionVersion: number, db: DbOrTx) {
  const [row] = await db
    .select({ id: staff.id, email: staff.email, name: staff.name, role: staff.role })
    .from(staff)
    .where(and(eq(staff.id, id), eq(staff.sessionVersion, sessionVersion), isNull(staff.disabledAt)))
    .limit(1);
  return row ?? null;
}

export async function getStaffIdByEmail(email: string, db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(eq(staff.email, email.trim().toLowerCase()))
    .limit(1);
  return row?.id ?? null;
}
