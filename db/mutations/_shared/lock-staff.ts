import { and, asc, eq, isNull, or } from "drizzle-orm";
import { NotFoundError, PreconditionError } from "@/db/errors";
import type { Tx } from "@/db/client";
import { staff } from "@/db/schema";

/**
 * Locks a staff member together with every active admin, in id order (so two
 * changes never deadlock). A second, concurrent demotion or disable waits here,
 * then re-reads the admins and sees the first one's change: the last active
 * admin cannot be removed by two admins racing each other.
 */
export async function lockStaffForChange(tx: Tx, staffId: number) {
  const rows = await tx
    .select({
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staff.role,
      disabledAt: staff.disabledAt,
      sessionVersion: staff.sessionVersion,
    })
    .from(staff)
    .where(or(eq(staff.id, staffId), and(eq(staff.role, "admin"), isNull(staff.disabledAt))))
    .orderBy(asc(staff.id))
    .for("update");
  const target = rows.find((row) => row.id === staffId);
  if (!target) throw new NotFoundError("staff.errors.notFound");
  const otherActiveAdmins = rows.filter(
    (row) => row.id !== staffId && row.role === "admin" && row.disabledAt === null,
  ).length;
  return { target, otherActiveAdmins };
}

/** Refuses a change that would leave no active admin to run the console. */
export function assertNotLastAdmin(locked: Awaited<ReturnType<typeof lockStaffForChange>>, field?: string) {
  const { target, otherActiveAdmins } = locked;
  if (target.role === "admin" && target.disabledAt === null && otherActiveAdmins === 0) {
    throw new PreconditionError("staff.errors.lastAdmin", {}, field);
  }
}
