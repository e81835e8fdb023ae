import { generatePassword } from "@/lib/auth/generated-password";
import { hashPassword } from "@/lib/auth/password";
import type { CreateStaffInput } from "@/lib/validation/staff";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, pgConstraint, pgErrorCode, pgErrorCodes } from "../errors";
import { staff } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";

/**
 * Creates a staff account with the admin's password, or a generated one that
 * is returned once for the admin to hand over and never stored in clear.
 */
export async function createStaff(
  input: CreateStaffInput,
  actorId: number,
  db: Db = defaultDb,
): Promise<{ staffId: number; generatedPassword: string | null }> {
  const generatedPassword = input.password === null ? generatePassword() : null;
  // Hashing takes tens of milliseconds: done before the transaction opens.
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(staff)
        .values({ email: input.email, name: input.name, role: input.role, passwordHash })
        .returning({ id: staff.id });
      await writeAudit(tx, {
        actorStaffId: actorId,
        action: "staff.create",
        entityType: "staff",
        entityId: row!.id,
        after: {
          email: input.email,
          name: input.name,
          role: input.role,
          password: input.password === null ? "generated" : "set",
        },
      });
      return { staffId: row!.id, generatedPassword };
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation && pgConstraint(error) === "staff_email_key") {
      throw new ConflictError("staff.errors.emailTaken", {}, "email");
    }
    throw error;
  }
}
