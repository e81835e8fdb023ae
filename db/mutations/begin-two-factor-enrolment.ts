import { eq, sql } from "drizzle-orm";
import { seal } from "@/lib/auth/secret-box";
import { newTotpSecret } from "@/lib/auth/totp";
import { db as defaultDb, type Db } from "@/db";
import { PreconditionError } from "../errors";
import { staffTwoFactor } from "../schema";

/**
 * Starts (or restarts) TOTP enrolment: a new secret, stored sealed and not
 * yet confirmed, so sign-in does not ask for codes until the first one is
 * right. A confirmed enrolment is never replaced here (an admin resets it).
 */
export async function beginTwoFactorEnrolment(
  staffId: number,
  authSecret: string,
  db: Db = defaultDb,
): Promise<{ secret: string }> {
  const secret = newTotpSecret();
  const rows = await db
    .insert(staffTwoFactor)
    .values({ staffId, secretCiphertext: seal(secret, authSecret) })
    .onConflictDoUpdate({
      target: staffTwoFactor.staffId,
      set: { secretCiphertext: seal(secret, authSecret), createdAt: sql`now()`, lastTimeStep: null },
      setWhere: sql`${staffTwoFactor.confirmedAt} is null`,
    })
    .returning({ staffId: staffTwoFactor.staffId });
  if (rows.length === 0) throw new PreconditionError("security.errors.alreadyEnrolled");
  return { secret };
}

/** The pending (unconfirmed) secret, sealed, for the enrolment page to show as a QR code. */
export async function pendingTwoFactorSecret(staffId: number, db: Db = defaultDb): Promise<string | null> {
  const [row] = await db
    .select({ sealed: staffTwoFactor.secretCiphertext, confirmedAt: staffTwoFactor.confirmedAt })
    .from(staffTwoFactor)
    .where(eq(staffTwoFactor.staffId, staffId));
  return row && !row.confirmedAt ? row.sealed : null;
}
