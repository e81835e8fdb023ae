import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { maskEmail } from "@/lib/auth/mask";
import { open } from "@/lib/auth/secret-box";
import { checkTotp, hashRecoveryCode, normaliseRecoveryCode } from "@/lib/auth/totp";
import type { Role } from "@/lib/domain/permissions";
import type { DbOrTx } from "../client";
import { signInThrottle, staff, staffRecoveryCodes, staffSessions, staffTwoFactor } from "../schema";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";

/**
 * A progressive delay instead of a lock. After `*Limit` failures in a row each
 * further failure doubles the wait (1 s, 2 s, 4 s …) up to the cap; a failure
 * more than `windowMinutes` after the last one starts again from zero.
 * Failures from a browser that has signed in to the account before (a known
 * device) count in their own bucket, with a short cap: an attacker hammering
 * the account from elsewhere cannot keep its owner out.
 */
export const throttlePolicy = {
  windowMinutes: 60,
  accountLimit: 5,
  accountMaxDelaySeconds: 15 * 60,
  knownDeviceLimit: 10,
  knownDeviceMaxDelaySeconds: 60,
  addressLimit: 20,
  addressMaxDelaySeconds: 15 * 60,
} as const;

export type AuthenticateResult =
  | {
      ok: true;
      staff: { id: number; email: string; name: string; role: Role; sessionVersion: number };
      sessionId: string;
    }
  | { ok: false; reason: "invalid" | "two_factor_required" | "two_factor_invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** An account's failed sign-ins from unknown devices; a password reset or an admin clears them. */
export const accountThrottleKey = (email: string) => `account:${email}`;
export const knownDeviceThrottleKey = (email: string) => `device:${email}`;
export const addressThrottleKey = (address: string) => `address:${address}`;

export interface AuthenticateInput {
  email: string;
  password: string;
  address: string;
  /** The staff id a valid device cookie names (lib/auth/device.ts), if any. */
  knownDeviceStaffId?: number | null;
  /** A TOTP code or a recovery code, for accounts with 2FA. */
  code?: string;
  userAgent?: string | null;
  /** Absolute session lifetime (default 12 hours); the session row expires then whatever the activity. */
  sessionMaxSeconds?: number;
  /** Decrypts the TOTP secret (AUTH_SECRET). */
  authSecret?: string;
}

/**
 * Checks an email, password and (with 2FA) a code, and opens a session row.
 * Unknown emails, wrong passwords and disabled accounts are indistinguishable
 * to the caller. Every failure and every throttled attempt is a security event.
 */
export async function authenticateStaff(input: AuthenticateInput, db: DbOrTx): Promise<AuthenticateResult> {
  const email = input.email.trim().toLowerCase();
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

  const knownDevice = row !== undefined && input.knownDeviceStaffId === row.id;
  const buckets = knownDevice
    ? [
        {
          key: knownDeviceThrottleKey(email),
          limit: throttlePolicy.knownDeviceLimit,
          cap: throttlePolicy.knownDeviceMaxDelaySeconds,
        },
      ]
    : [
        {
          key: accountThrottleKey(email),
          limit: throttlePolicy.accountLimit,
          cap: throttlePolicy.accountMaxDelaySeconds,
        },
        {
          key: addressThrottleKey(input.address),
          limit: throttlePolicy.addressLimit,
          cap: throttlePolicy.addressMaxDelaySeconds,
        },
      ];
  const event = { staffId: row?.id ?? null, address: input.address };
  const detail: Record<string, string> = row ? {} : { email: maskEmail(email) };

  const [waiting] = await db
    .select({
      seconds: sql<number>`ceil(extract(epoch from max(${signInThrottle.lockedUntil}) - now()))::int`,
    })
    .from(signInThrottle)
    .where(
      and(
        inArray(
          signInThrottle.key,
          buckets.map((b) => b.key),
        ),
        gt(signInThrottle.lockedUntil, sql`now()`),
      ),
    );
  if (waiting?.seconds && waiting.seconds > 0) {
    await recordSecurityEvent(db, {
      kind: "sign_in.throttled",
      ...event,
      detail: { ...detail, knownDevice, retryAfterSeconds: waiting.seconds },
    });
    return { ok: false, reason: "throttled", retryAfterSeconds: waiting.seconds };
  }

  const fail = async (kind: "sign_in.failed" | "two_factor.failed", reason: AuthenticateResult & { ok: false }) => {
    for (const bucket of buckets) await recordFailure(db, bucket);
    await recordSecurityEvent(db, { kind, ...event, detail: { ...detail, knownDevice } });
    return reason;
  };

  const passwordOk = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!row || !passwordOk || row.disabledAt) {
    return fail("sign_in.failed", { ok: false, reason: "invalid" });
  }

  const [twoFactor] = await db
    .select({ secret: staffTwoFactor.secretCiphertext, lastTimeStep: staffTwoFactor.lastTimeStep })
    .from(staffTwoFactor)
    .where(and(eq(staffTwoFactor.staffId, row.id), sql`${staffTwoFactor.confirmedAt} is not null`));
  if (twoFactor) {
    const code = input.code?.trim();
    if (!code) return { ok: false, reason: "two_factor_required" };
    const accepted = await acceptSecondFactor(db, row.id, twoFactor, code, input.authSecret ?? "");
    if (!accepted) return fail("two_factor.failed", { ok: false, reason: "two_factor_invalid" });
    if (accepted === "recovery") {
      await recordSecurityEvent(db, { kind: "two_factor.recovery_used", ...event });
    }
  }

  await db.delete(signInThrottle).where(
    inArray(
      signInThrottle.key,
      buckets.filter((b) => !b.key.startsWith("address:")).map((b) => b.key),
    ),
  );
  await db
    .update(staff)
    .set({ lastSignInAt: sql`now()` })
    .where(eq(staff.id, row.id));
  const sessionId = randomBytes(24).toString("base64url");
  await db.insert(staffSessions).values({
    id: sessionId,
    staffId: row.id,
    sessionVersion: row.sessionVersion,
    expiresAt: sql`now() + make_interval(secs => ${input.sessionMaxSeconds ?? 12 * 3600})`,
    userAgent: input.userAgent?.slice(0, 200) ?? null,
    address: input.address.slice(0, 64),
  });
  return {
    ok: true,
    staff: { id: row.id, email: row.email, name: row.name, role: row.role, sessionVersion: row.sessionVersion },
    sessionId,
  };
}

/** A TOTP code (each time step once) or an unused recovery code (then used up). */
async function acceptSecondFactor(
  db: DbOrTx,
  staffId: number,
  twoFactor: { secret: string; lastTimeStep: number | null },
  code: string,
  authSecret: string,
): Promise<"totp" | "recovery" | null> {
  const secret = open(twoFactor.secret, authSecret);
  if (secret && /^\d[\d\s]{5,7}$/.test(code)) {
    const step = await checkTotp(secret, code, twoFactor.lastTimeStep);
    if (step === null) return null;
    // The compare-and-set makes two parallel requests with the same code accept it once.
    const updated = await db
      .update(staffTwoFactor)
      .set({ lastTimeStep: step })
      .where(
        and(
          eq(staffTwoFactor.staffId, staffId),
          sql`(${staffTwoFactor.lastTimeStep} is null or ${staffTwoFactor.lastTimeStep} < ${step})`,
        ),
      )
      .returning({ staffId: staffTwoFactor.staffId });
    return updated.length ? "totp" : null;
  }
  const recovery = normaliseRecoveryCode(code);
  if (!recovery) return null;
  const used = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(staffRecoveryCodes.staffId, staffId),
        eq(staffRecoveryCodes.codeHash, hashRecoveryCode(recovery)),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: staffRecoveryCodes.id });
  return used.length ? "recovery" : null;
}

async function recordFailure(db: DbOrTx, bucket: { key: string; limit: number; cap: number }) {
  const window = sql.raw(`interval '${throttlePolicy.windowMinutes} minutes'`);
  // failures after the update; the delay doubles per failure beyond the limit.
  const next = sql`case when sign_in_throttle.last_failure_at is null or sign_in_throttle.last_failure_at < now() - ${window} then 1 else sign_in_throttle.failures + 1 end`;
  const delay = (failures: ReturnType<typeof sql>) =>
    sql`case when ${failures} > ${bucket.limit} then now() + make_interval(secs => least(${bucket.cap}, power(2, least(${failures} - ${bucket.limit} - 1, 20)))) else null end`;
  await db.execute(sql`
    insert into sign_in_throttle (key, failures, window_started_at, last_failure_at, locked_until)
    values (${bucket.key}, 1, now(), now(), ${delay(sql`1`)})
    on conflict (key) do update set
      failures = ${next},
      window_started_at = case when sign_in_throttle.last_failure_at is null or sign_in_throttle.last_failure_at < now() - ${window} then now() else sign_in_throttle.window_started_at end,
      last_failure_at = now(),
      locked_until = ${delay(next)}
  `);
}
