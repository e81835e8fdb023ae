import { eq, inArray, sql } from "drizzle-orm";
import { generatePassword } from "@/lib/auth/generated-password";
import { hashPassword } from "@/lib/auth/password";
import type { ResetStaffPasswordInput } from "@/lib/validation/staff";
import { db as defaultDb, type Db } from "@/db";
import { signInThrottle, staff } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { accountThrottleKey, knownDeviceThrottleKey } from "./authenticate-staff";
import { lockStaffForChange } from "@/db/mutations/_shared/lock-staff";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";

/**
 * Sets a new password (the admin's, or a generated one returned once), ends
 * the person's open sessions at their next request, and lifts a sign-in lock
 * on the account: a reset is how a locked-out colleague gets back in.
 */
export async function resetStaffPassword(
  input: ResetStaffPasswordInput,
  actorId: number,
  db: Db = defaultDb,
): Promise<{ generatedPassword: string | null }> {
  const generatedPassword = input.password === null ? generatePassword() : null;
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  return db.transaction(async (tx) => {
    const { target } = await lockStaffForChange(tx, input.staffId);
    await tx
      .update(staff)
      .set({ passwordHash, sessionVersion: sql`${staff.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(staff.id, target.id));
    await tx
      .delete(signInThrottle)
      .where(inArray(signInThrottle.key, [accountThrottleKey(target.email), knownDeviceThrottleKey(target.email)]));
    await writeAudit(tx, {
      actorStaffId: actorId,
      action: "staff.password_reset",
      entityType: "staff",
      entityId: target.id,
      before: { sessionVersion: target.sessionVersion },
      after: { sessionVersion: target.sessionVersion + 1, password: input.password === null ? "generated" : "set" },
    });
    await recordSecurityEvent(tx, {
      kind: "staff.password_reset",
      staffId: target.id,
      actorStaffId: actorId,
      detail: { password: input.password === null ? "generated" : "set" },
    });
    return { generatedPassword };
  });
}
