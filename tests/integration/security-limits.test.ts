import { and, eq, sql } from "drizzle-orm";
import { CredentialsSignin } from "next-auth";
import { CallbackRouteError } from "@auth/core/errors";
import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { authenticateStaff } from "@/db/mutations/authenticate-staff";
import { changeStaffRole } from "@/db/mutations/change-staff-role";
import { clearSignInThrottle } from "@/db/mutations/clear-sign-in-throttle";
import { purgeExpired } from "@/db/mutations/purge-expired";
import { resetStaffPassword } from "@/db/mutations/reset-staff-password";
import { listSecurityEvents } from "@/db/queries/security-events";
import { listSignInThrottles } from "@/db/queries/sign-in-throttles";
import {
  exportJobChunks,
  exportJobs,
  idempotencyKeys,
  rateLimits,
  securityEvents,
  signInThrottle,
  staff,
  staffSessions,
} from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { signInRefusal } from "@/lib/auth/sign-in-refusal";
import { consumeRateLimit, type RateLimits } from "@/lib/rate-limit";
import { resetStaffPasswordSchema } from "@/lib/validation/staff";
import { auditTrail } from "../helpers/audit-trail";
import { testDb } from "../helpers/db";
import { createStaff, FACTORY_PASSWORD, uniqueSuffix } from "../helpers/factories";

const address = () => `192.0.2.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;
const limits: RateLimits = {
  suggestions: { points: 3, seconds: 60 },
  searches: { points: 2, seconds: 60 },
  exports: { points: 1, seconds: 3600 },
};

describe("rate limits per staff member", () => {
  it("refuses the request past the limit, on every instance, and logs the first refusal once", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    // Two pools stand for two app instances: the counter lives in PostgreSQL, not in either process.
    const other = createDb(process.env.DATABASE_URL!, { max: 1 });
    try {
      expect(await consumeRateLimit(db, "suggestions", member.id, limits)).toEqual({ ok: true });
      expect(await consumeRateLimit(other.db, "suggestions", member.id, limits)).toEqual({ ok: true });
      expect(await consumeRateLimit(db, "suggestions", member.id, limits)).toEqual({ ok: true });
      const refused = await consumeRateLimit(other.db, "suggestions", member.id, limits, { address: "192.0.2.7" });
      expect(refused).toMatchObject({ ok: false });
      expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(50);
      expect((await consumeRateLimit(db, "suggestions", member.id, limits)).ok).toBe(false);
      // Another kind and another member have their own budgets.
      expect((await consumeRateLimit(db, "searches", member.id, limits)).ok).toBe(true);
      expect((await consumeRateLimit(db, "suggestions", (await createStaff(db)).id, limits)).ok).toBe(true);
    } finally {
      await other.close();
    }
    const events = await db.select().from(securityEvents).where(eq(securityEvents.staffId, member.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "rate_limit.hit",
      address: "192.0.2.7",
      detail: { limit: "suggestions", points: 3, perSeconds: 60 },
    });
  });

  it("lets the next request through once the window has passed", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    expect((await consumeRateLimit(db, "exports", member.id, limits)).ok).toBe(true);
    expect((await consumeRateLimit(db, "exports", member.id, limits)).ok).toBe(false);
    await db
      .update(rateLimits)
      .set({ expire: Date.now() - 1 })
      .where(eq(rateLimits.key, `exports:${member.id}`));
    expect((await consumeRateLimit(db, "exports", member.id, limits)).ok).toBe(true);
  });
});

describe("the security log", () => {
  it("records failed sign-ins without the password, and masks an unknown email", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    const from = address();
    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    await authenticateStaff({ email: member.email, password: "Secret-Guess-1", address: from }, db);
    await authenticateStaff({ email: unknown, password: "Secret-Guess-2", address: from }, db);
    const rows = await db
      .select({ kind: securityEvents.kind, staffId: securityEvents.staffId, detail: securityEvents.detail })
      .from(securityEvents)
      .where(eq(securityEvents.address, from));
    expect(rows).toEqual([
      { kind: "sign_in.failed", staffId: member.id, detail: { knownDevice: false } },
      { kind: "sign_in.failed", staffId: null, detail: { knownDevice: false, email: `no***@example.test` } },
    ]);
    const everything = JSON.stringify(await db.select().from(securityEvents).where(eq(securityEvents.address, from)));
    expect(everything).not.toContain("Secret-Guess");
    expect(everything).not.toContain(unknown);
  });

  it("records role changes and password resets in the same transaction as the change", async () => {
    const { db } = testDb();
    const admin = await createStaff(db, { role: "admin" });
    const member = await createStaff(db);
    await changeStaffRole({ staffId: member.id, role: "supervisor" }, admin.id, db);
    await resetStaffPassword({ staffId: member.id, password: "a long unguessable phrase 42" }, admin.id, db);
    const { items } = await listSecurityEvents({ staff: member.email }, db);
    expect(items.map((e) => [e.kind, e.actorName, e.detail])).toEqual([
      ["staff.password_reset", "Test Staff", { password: "set" }],
      ["staff.role_changed", "Test Staff", { from: "agent", to: "supervisor" }],
    ]);
    expect(JSON.stringify(items)).not.toContain("unguessable");
  });

  it("filters by kind and pages by keyset", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    for (let i = 0; i < 3; i++)
      await authenticateStaff({ email: member.email, password: `wrong-${i}`, address: address() }, db);
    const first = await listSecurityEvents({ staff: member.email, kind: "sign_in.failed" }, db);
    expect(first.items).toHaveLength(3);
    const older = await listSecurityEvents({ staff: member.email, before: first.items[0]!.id }, db);
    expect(older.items.map((e) => e.id)).toEqual(first.items.slice(1).map((e) => e.id));
    expect((await listSecurityEvents({ staff: member.email, kind: "two_factor.reset" }, db)).items).toEqual([]);
  });
});

describe("throttled accounts, for admins", () => {
  it("lists a delayed account and clears it, audited and logged", async () => {
    const { db } = testDb();
    const admin = await createStaff(db, { role: "admin" });
    const member = await createStaff(db);
    // Five free failures, the sixth starts a delay, the seventh is refused unchecked (not counted).
    for (let i = 0; i < 7; i++)
      await authenticateStaff({ email: member.email, password: `wrong-${i}`, address: address() }, db);
    const key = `account:${member.email}`;
    const row = (await listSignInThrottles(db)).find((r) => r.key === key);
    expect(row).toMatchObject({ kind: "account", subject: member.email, failures: 6, lockedUntil: expect.any(Date) });

    await clearSignInThrottle(key, admin.id, db);
    expect((await listSignInThrottles(db)).find((r) => r.key === key)).toBeUndefined();
    expect(
      (await authenticateStaff({ email: member.email, password: FACTORY_PASSWORD, address: address() }, db)).ok,
    ).toBe(true);
    const [audit] = await db.execute<{ action: string; actor_staff_id: number }>(
      sql`select action, actor_staff_id from audit_log where entity_type = 'sign_in_throttle' and entity_id = ${key}`,
    );
    expect(audit).toMatchObject({ action: "security.throttle_cleared", actor_staff_id: admin.id });
    const [event] = await db
      .select({ detail: securityEvents.detail })
      .from(securityEvents)
      .where(and(eq(securityEvents.actorStaffId, admin.id), eq(securityEvents.kind, "throttle.cleared")));
    expect(event?.detail).toEqual({ bucket: "account", failures: 6 });
    await expect(clearSignInThrottle(key, admin.id, db)).rejects.toMatchObject({
      code: "security.errors.throttleGone",
    });
  });
});

describe("password policy", () => {
  it.each([
    ["password1234", "staff.validation.passwordCommon"],
    ["qwertyuiop12", "staff.validation.passwordCommon"],
    ["short-pw", "staff.validation.passwordTooShort"],
    ["密".repeat(100), "staff.validation.passwordTooLong"],
    ["x".repeat(600), "staff.validation.passwordTooLong"],
  ])("refuses %j before anything is hashed", async (password, message) => {
    const { db } = testDb();
    const member = await createStaff(db);
    const parsed = resetStaffPasswordSchema.safeParse({ staffId: member.id, mode: "set", password });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([message]);
    const [row] = await db.select({ version: staff.sessionVersion }).from(staff).where(eq(staff.id, member.id));
    expect(row?.version).toBe(1);
  });

  it("accepts a long passphrase, and the hasher itself refuses more than 256 bytes", async () => {
    expect(
      resetStaffPasswordSchema.safeParse({ staffId: 1, mode: "set", password: "violet harbour tram 1987" }).success,
    ).toBe(true);
    await expect(hashPassword("é".repeat(129))).rejects.toThrow(RangeError);
    const hash = await hashPassword("é".repeat(128));
    expect(await verifyPassword(hash, "é".repeat(128))).toBe(true);
    expect(await verifyPassword(hash, "é".repeat(300))).toBe(false);
  });
});

describe("sign-in when the database is down", () => {
  it("throws instead of answering 'incorrect', and the form says the service is unavailable", async () => {
    // A real connection attempt to a port nothing listens on.
    const down = createDb("postgres://nobody:nothing@127.0.0.1:9/renewal_desk", { max: 1 });
    let thrown: unknown;
    try {
      await authenticateStaff({ email: "agent@example.com", password: "x", address: "192.0.2.1" }, down.db);
    } catch (error) {
      thrown = error;
    } finally {
      await down.close();
    }
    expect(thrown).toBeInstanceOf(Error);
    // Auth.js wraps what authorize() throws in a CallbackRouteError; only CredentialsSignin means "incorrect".
    expect(signInRefusal(new CallbackRouteError("authorize failed", { cause: thrown as Error }))).toEqual({
      kind: "unavailable",
    });
    expect(signInRefusal(new CredentialsSignin())).toEqual({ kind: "invalid" });
    const throttled = new CredentialsSignin();
    throttled.code = "throttled-8";
    expect(signInRefusal(throttled)).toEqual({ kind: "throttled", retryAfterSeconds: 8 });
  });
});

describe("retention purge", () => {
  it("deletes old idempotency keys, spent throttle rows, expired rate limits, old sessions, events and exports, and keeps the rest", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    const tag = uniqueSuffix();
    const [oldKey, newKey] = [crypto.randomUUID(), crypto.randomUUID()];
    await db.insert(idempotencyKeys).values([
      { key: oldKey, staffId: member.id, scope: "test", requestHash: "h", createdAt: sql`now() - interval '31 days'` },
      { key: newKey, staffId: member.id, scope: "test", requestHash: "h", createdAt: sql`now() - interval '29 days'` },
    ]);
    await db.insert(signInThrottle).values([
      { key: `address:old-${tag}`, failures: 9, lastFailureAt: sql`now() - interval '2 hours'` },
      { key: `address:new-${tag}`, failures: 9, lastFailureAt: sql`now() - interval '5 minutes'` },
      {
        key: `address:delayed-${tag}`,
        failures: 9,
        lastFailureAt: sql`now() - interval '2 hours'`,
        lockedUntil: sql`now() + interval '5 minutes'`,
      },
    ]);
    await db.insert(rateLimits).values([
      { key: `test:old-${tag}`, points: 1, expire: Date.now() - 1000 },
      { key: `test:new-${tag}`, points: 1, expire: Date.now() + 60_000 },
    ]);
    await db.insert(staffSessions).values([
      {
        id: `old-session-${tag}-0123456789`,
        staffId: member.id,
        sessionVersion: 1,
        expiresAt: sql`now() - interval '40 days'`,
      },
      {
        id: `new-session-${tag}-0123456789`,
        staffId: member.id,
        sessionVersion: 1,
        expiresAt: sql`now() + interval '1 hour'`,
      },
    ]);
    await db.insert(securityEvents).values([
      { kind: "sign_in.failed", staffId: member.id, occurredAt: sql`now() - interval '400 days'` },
      { kind: "sign_in.failed", staffId: member.id, occurredAt: sql`now() - interval '300 days'` },
    ]);

    const job = (status: "done" | "failed" | "running", finishedDaysAgo: number | null) => ({
      staffId: member.id,
      kind: "payments",
      fromDay: "2026-01-01",
      toDay: "2026-01-31",
      status,
      createdAt: sql`now() - interval '9 days'`,
      finishedAt: finishedDaysAgo === null ? null : sql`now() - make_interval(days => ${finishedDaysAgo})`,
      // The running one has a live worker, so no export test's worker takes it over.
      claimedAt: status === "running" ? sql`now()` : null,
    });
    const [oldDone, oldFailed, recentDone, stillRunning] = await db
      .insert(exportJobs)
      .values([job("done", 8), job("failed", 8), job("done", 6), job("running", null)])
      .returning({ id: exportJobs.id });
    await db.insert(exportJobChunks).values([
      { jobId: oldDone!.id, seq: 0, data: "payment_id\n" },
      { jobId: oldDone!.id, seq: 1, data: "1\n" },
      { jobId: recentDone!.id, seq: 0, data: "payment_id\n" },
    ]);

    const counts = await purgeExpired(db, { securityEventDays: 365 });
    for (const n of Object.values(counts)) expect(n).toBeGreaterThanOrEqual(1);

    const keys = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.staffId, member.id));
    expect(keys).toEqual([{ key: newKey }]);
    const throttles = await db.execute<{ key: string }>(
      sql`select key from sign_in_throttle where key like ${`%-${tag}`} order by key`,
    );
    expect(throttles.map((r) => r.key)).toEqual([`address:delayed-${tag}`, `address:new-${tag}`]);
    const limitsLeft = await db.execute<{ key: string }>(
      sql`select key from rate_limits where key like ${`test:%-${tag}`}`,
    );
    expect(limitsLeft.map((r) => r.key)).toEqual([`test:new-${tag}`]);
    const sessions = await db
      .select({ id: staffSessions.id })
      .from(staffSessions)
      .where(eq(staffSessions.staffId, member.id));
    expect(sessions.map((s) => s.id)).toEqual([`new-session-${tag}-0123456789`]);
    const events = await db.select().from(securityEvents).where(eq(securityEvents.staffId, member.id));
    expect(events).toHaveLength(1);
    const jobsLeft = await db.select({ id: exportJobs.id }).from(exportJobs).where(eq(exportJobs.staffId, member.id));
    expect(jobsLeft.map((j) => j.id).sort((x, y) => x - y)).toEqual([recentDone!.id, stillRunning!.id]);
    expect(counts.exportJobs).toBeGreaterThanOrEqual(2);
    const chunksLeft = await db
      .select({ jobId: exportJobChunks.jobId })
      .from(exportJobChunks)
      .where(sql`${exportJobChunks.jobId} in ${[oldDone!.id, oldFailed!.id, recentDone!.id]}`);
    expect(chunksLeft).toEqual([{ jobId: recentDone!.id }]);
    expect(await auditTrail(db, "staff", member.id)).toEqual([]);
  });
});
