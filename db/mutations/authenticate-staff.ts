import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/domain/permissions";
import type { DbOrTx } from "../client";
import { signInThrottle, staff } from "../schema";

export const throttlePolicy = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountLimit: 5,
  addressLimit: 20,
} as const;

export type AuthenticateResult =
  | { ok: true; staff: { id: number; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "throttled" };

/** An account's failed sign-ins; a password reset clears them. */
export const accountThrottleKey = (email: string) => `account:${email}`;

function throttleKeys(email: string, address: string) {
  return { account: accountThrottleKey(email), address: `address:${address}` };
}

/**
 * Checks an email and password. Unknown emails, wrong passwords and disabled
 * accounts are indistinguishable to the caller; repeated failures lock the
 * account and the address for a while, whether the account exists or not.
 */
export async function authenticateStaff(
  input: { email: string; password: string; address: string },
  db: DbOrTx,
): Promise<AuthenticateResult> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.address);

  const locked = await db
    .select({ key: signInThrottle.key })
    .from(signInThrottle)
    .where(and(inArray(signInThrottle.key, [keys.account, keys.address]), gt(signInThrottle.lockedUntil, sql`now()`)))
    .limit(1);
  if (locked.length > 0) return { ok: false, reason: "throttled" };

  const [row] = await db
    .select({
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staff.role,
      passwordHash: staff.passwordHash,
      disabledAt: staff.disabledAt,
      sessionVersion: staff.sessionVersion,
    })
    .from(staff)
    .where(eq(staff.email, email))
    .limit(1);

  const passwordOk = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!row || !passwordOk || row.disabledAt) {
    await recordFailure(db, keys.account, throttlePolicy.accountLimit);
    await recordFailure(db, keys.address, throttlePolicy.addressLimit);
    return { ok: false, reason: "invalid" };
  }

  await db.delete(signInThrottle).where(eq(signInThrottle.key, keys.account));
  await db
    .update(staff)
    .set({ lastSignInAt: sql`now()` })
    .where(eq(staff.id, row.id));
  return {
    ok: true,
    staff: { id: row.id, email: row.email, name: row.name, role: row.role, sessionVersion: row.sessionVersion },
  };
}

async function recordFailure(db: DbOrTx, key: string, limit: number) {
  const window = sql.raw(`interval '${throttlePolicy.windowMinutes} minutes'`);
  const lock = sql.raw(`interval '${throttlePolicy.lockMinutes} minutes'`);
  await db.execute(sql`
    insert into sign_in_throttle (key, failures, window_started_at, locked_until)
    values (${key}, 1, now(), ${limit <= 1 ? sql`now() + ${lock}` : sql`null`})
    on conflict (key) do update set
      failures = case when sign_in_throttle.window_started_at < now() - ${window} then 1 else sign_in_throttle.failures + 1 end,
      window_started_at = case when sign_in_throttle.window_started_at < now() - ${window} then now() else sign_in_throttle.window_started_at end,
      locked_until = case
        when sign_in_throttle.window_started_at >= now() - ${window} and sign_in_throttle.failures + 1 >= ${limit}
        then now() + ${lock} else sign_in_throttle.locked_until end
  `);
}
