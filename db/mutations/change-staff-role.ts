import { eq, sql } from "drizzle-orm";
import type { ChangeStaffRoleInput } from "@/lib/validation/staff";
import { db as defaultDb, type Db } from "@/db";
import { staff } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { assertNotLastAdmin, lockStaffForChange } from "@/db/mutations/_shared/lock-staff";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";

/** A new role takes effect at once: the person's open sessions end at their next request. */
export async function changeStaffRole(
  input: ChangeStaffRoleInput,
  actorId: number,
  db: Db = defaultDb,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const locked = await lockStaffForChange(tx, input.staffId);
    const { target } = locked;
    if (target.role === input.role) return { changed: false };
    if (input.role !== "admin") assertNotLastAdmin(locked, "role");
    await tx
      .update(staff)
      .set({ role: input.role, sessionVersion: sql`${staff.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(staff.id, target.id));
    await writeAudit(tx, {
      actorStaffId: actorId,
      action: "staff.role_change",
      entityType: "staff",
      entityId: target.id,
      before: { role: target.role, sessionVersion: target.sessionVersion },
      after: { role: input.role, sessionVersion: target.sessionVersion + 1 },
    });
    await recordSecurityEvent(tx, {
      kind: "staff.role_changed",
      staffId: target.id,
      actorStaffId: actorId,
      detail: { from: target.role, to: input.role },
    });
    return { changed: true };
  });
}
