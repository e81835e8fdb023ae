import { and, eq, isNull, sql } from "drizzle-orm";
import { open } from "@/lib/auth/secret-box";
import { checkTotp, hashRecoveryCode, newRecoveryCodes } from "@/lib/auth/totp";
import { db as defaultDb, type Db } from "@/db";
import { PreconditionError } from "../errors";
import { staffRecoveryCodes, staffTwoFactor } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";

/**
 * Confirms enrolment with the first correct code from the app: from now on
 * sign-in asks for a code. Makes ten recovery codes, stores only their hashes
 * and returns them once. The enrolment, the codes, the audit row and the
 * security event commit together.
 */
export async function confirmTwoFactor(
  input: { staffId: number; code: string; authSecret: string; address?: string },
  db: Db = defaultDb,
): Promise<{ recoveryCodes: string[] }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ sealed: staffTwoFactor.secretCiphertext })
      .from(staffTwoFactor)
      .where(and(eq(staffTwoFactor.staffId, input.staffId), isNull(staffTwoFactor.confirmedAt)))
      .for("update");
    if (!row) throw new PreconditionError("security.errors.noPendingEnrolment");
    const secret = open(row.sealed, input.authSecret);
    const step = secret ? await checkTotp(secret, input.code, null) : null;
    if (step === null) throw new PreconditionError("security.errors.wrongCode", {}, "code");

    await tx
      .update(staffTwoFactor)
      .set({ confirmedAt: sql`now()`, lastTimeStep: step })
      .where(eq(staffTwoFactor.staffId, input.staffId));
    const recoveryCodes = newRecoveryCodes();
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, input.staffId));
    await tx
      .insert(staffRecoveryCodes)
      .values(recoveryCodes.map((code) => ({ staffId: input.staffId, codeHash: hashRecoveryCode(code) })));
    await writeAudit(tx, {
      actorStaffId: input.staffId,
      action: "staff.two_factor_enrolled",
      entityType: "staff",
      entityId: input.staffId,
      after: { twoFactor: true, recoveryCodes: recoveryCodes.length },
    });
    await recordSecurityEvent(tx, {
      kind: "two_factor.enrolled",
      staffId: input.staffId,
      address: input.address ?? null,
    });
    return { recoveryCodes };
  });
}
