import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticateStaff, throttlePolicy } from "@/db/mutations/authenticate-staff";
import { endStaffSessions } from "@/db/mutations/end-staff-sessions";
import { getSessionStaff } from "@/db/queries/staff";
import { auditLog, staff } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { testDb } from "../helpers/db";
import { FACTORY_PASSWORD, createStaff, uniqueSuffix } from "../helpers/factories";

const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;

describe("password hashing", () => {
  it("stores argon2id hashes that verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });
});

describe("authenticateStaff", () => {
  it("signs in with the right password, whatever the email's case, and records the time", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    const result = await authenticateStaff(
      { email: member.email.toUpperCase(), password: FACTORY_PASSWORD, address: address() },
      db,
    );
    expect(result).toMatchObject({ ok: true, staff: { id: member.id, role: "agent", sessionVersion: 1 } });
    const [row] = await db.select({ last: staff.lastSignInAt }).from(staff).where(eq(staff.id, member.id));
    expect(row?.last).toBeInstanceOf(Date);
  });

  it("gives the same answer for a wrong password, an unknown email and a disabled account", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    const disabled = await createStaff(db, { disabled: true });
    const answers = await Promise.all([
      authenticateStaff({ email: member.email, password: "wrong", address: address() }, db),
      authenticateStaff(
        { email: `nobody-${uniqueSuffix()}@example.test`, password: FACTORY_PASSWORD, address: address() },
        db,
      ),
      authenticateStaff({ email: disabled.email, password: FACTORY_PASSWORD, address: address() }, db),
    ]);
    expect(answers).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
  });

  it("locks an account after repeated failures, even for the right password, from any address", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    for (let i = 0; i < throttlePolicy.accountLimit; i++) {
      expect(await authenticateStaff({ email: member.email, password: `wrong-${i}`, address: address() }, db)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(
      await authenticateStaff({ email: member.email, password: FACTORY_PASSWORD, address: address() }, db),
    ).toEqual({ ok: false, reason: "throttled" });
  });

  it("locks an address that tries many accounts", async () => {
    const { db } = testDb();
    const from = address();
    for (let i = 0; i < throttlePolicy.addressLimit; i++) {
      await authenticateStaff({ email: `guess-${i}-${uniqueSuffix()}@example.test`, password: "x", address: from }, db);
    }
    const member = await createStaff(db);
    expect(await authenticateStaff({ email: member.email, password: FACTORY_PASSWORD, address: from }, db)).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(
      (await authenticateStaff({ email: member.email, password: FACTORY_PASSWORD, address: address() }, db)).ok,
    ).toBe(true);
  });
});

describe("session rules", () => {
  it("keeps a session whose staff is enabled and whose version matches", async () => {
    const { db } = testDb();
    const member = await createStaff(db, { role: "supervisor" });
    expect(await getSessionStaff(member.id, 1, db)).toMatchObject({ id: member.id, role: "supervisor" });
  });

  it("ends a session when the account is disabled", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    await db
      .update(staff)
      .set({ disabledAt: sql`now()` })
      .where(eq(staff.id, member.id));
    expect(await getSessionStaff(member.id, 1, db)).toBeNull();
  });

  it("ends a session minted before the session version was bumped", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    await db
      .update(staff)
      .set({ sessionVersion: sql`${staff.sessionVersion} + 1` })
      .where(eq(staff.id, member.id));
    expect(await getSessionStaff(member.id, 1, db)).toBeNull();
    expect(await getSessionStaff(member.id, 2, db)).toMatchObject({ id: member.id });
  });
});

describe("sign-out", () => {
  it("ends every session of the person, even a token re-issued by a request still in flight", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    await endStaffSessions(member.id, "sign_out", db);
    expect(await getSessionStaff(member.id, 1, db)).toBeNull();
    const [audit] = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "staff"), eq(auditLog.entityId, String(member.id))));
    expect(audit?.action).toBe("staff.sign_out");
  });
});
