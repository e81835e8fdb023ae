import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { PreconditionError } from "../errors";
import { staff, staffRecoveryCodes, staffSessions, staffTwoFactor } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { lockStaffForChange } from "@/db/mutations/_shared/lock-staff";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";

/**
 * An admin removes a colleague's 2FA (lost phone, used-up codes), with a
 * reason. It ends all of that person's sessions, so whoever holds one must
 * sign in again and, where the role requires it, enrol again. The reset, the
 * ended sessions, the audit row and the security event commit together.
 */
export async function resetStaffTwoFactor(
  input: { staffId: number; reason: string },
  actorId: number,
  db: Db = defaultDb,
  context: { address?: string } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const { target } = await lockStaffForChange(tx, input.staffId);
    const removed = await tx
      .delete(staffTwoFactor)
      .where(eq(staffTwoFactor.staffId, target.id))
      .returning({ confirmedAt: staffTwoFactor.confirmedAt });
    if (removed.length === 0) throw new PreconditionError("security.errors.notEnrolled");
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, target.id));
    await tx
      .update(staff)
      .set({ sessionVersion: sql`${staff.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(staff.id, target.id));
    await tx
      .update(staffSessions)
      .set({ endedAt: sql`now()`, endReason: "two_factor_reset" })
      .where(sql`${staffSessions.staffId} = ${target.id} and ${staffSessions.endedAt} is null`);
    await writeAudit(tx, {
      actorStaffId: actorId,
      action: "staff.two_factor_reset",
      entityType: "staff",
      entityId: target.id,
      before: { twoFactor: removed[0]!.confirmedAt !== null, sessionVersion: target.sessionVersion },
      after: { twoFactor: false, sessionVersion: target.sessionVersion + 1, reason: input.reason },
    });
    await recordSecurityEvent(tx, {
      kind: "two_factor.reset",
      staffId: target.id,
      actorStaffId: actorId,
      address: context.address ?? null,
      detail: { reason: input.reason.slice(0, 200) },
    });
  });
}
