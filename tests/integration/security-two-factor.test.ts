import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticateStaff } from "@/db/mutations/authenticate-staff";
import { beginTwoFactorEnrolment } from "@/db/mutations/begin-two-factor-enrolment";
import { confirmTwoFactor } from "@/db/mutations/confirm-two-factor";
import { resetStaffTwoFactor } from "@/db/mutations/reset-staff-two-factor";
import { checkStaffSession } from "@/db/queries/staff-session";
import { getTwoFactorStatus } from "@/db/queries/two-factor";
import { securityEvents, staffRecoveryCodes, staffTwoFactor } from "@/db/schema";
import { totpCode } from "@/lib/auth/totp";
import { auditTrail } from "../helpers/audit-trail";
import { testDb } from "../helpers/db";
import { createStaff, FACTORY_PASSWORD, uniqueSuffix } from "../helpers/factories";

const authSecret = process.env.AUTH_SECRET!;
const address = () => `198.18.0.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;

async function enrolled(role: "agent" | "admin" = "agent") {
  const { db } = testDb();
  const member = await createStaff(db, { role });
  const { secret } = await beginTwoFactorEnrolment(member.id, authSecret, db);
  // Confirm with the previous step's code, so the current one is still unused for sign-in.
  const { recoveryCodes } = await confirmTwoFactor(
    { staffId: member.id, code: await totpCode(secret, Math.floor(Date.now() / 1000) - 30), authSecret },
    db,
  );
  return { member, secret, recoveryCodes };
}

const signIn = (email: string, code?: string) =>
  authenticateStaff({ email, password: FACTORY_PASSWORD, code, address: address(), authSecret }, testDb().db);

describe("two-factor enrolment", () => {
  it("does not ask for codes until the first right code confirms it, then makes ten hashed recovery codes", async () => {
    const { db } = testDb();
    const member = await createStaff(db);
    const { secret } = await beginTwoFactorEnrolment(member.id, authSecret, db);
    const [stored] = await db.select().from(staffTwoFactor).where(eq(staffTwoFactor.staffId, member.id));
    expect(stored!.secretCiphertext).not.toContain(secret);
    expect((await signIn(member.email)).ok).toBe(true);

    await expect(confirmTwoFactor({ staffId: member.id, code: "000000", authSecret }, db)).rejects.toMatchObject({
      code: "security.errors.wrongCode",
    });
    expect((await getTwoFactorStatus(member.id, db)).enrolled).toBe(false);

    const { recoveryCodes } = await confirmTwoFactor(
      { staffId: member.id, code: await totpCode(secret), authSecret },
      db,
    );
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const hashes = await db
      .select({ hash: staffRecoveryCodes.codeHash })
      .from(staffRecoveryCodes)
      .where(eq(staffRecoveryCodes.staffId, member.id));
    expect(hashes).toHaveLength(10);
    for (const { hash } of hashes) expect(recoveryCodes).not.toContain(hash);
    expect(await getTwoFactorStatus(member.id, db)).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
    expect((await auditTrail(db, "staff", member.id)).map((a) => a.action)).toEqual(["staff.two_factor_enrolled"]);
    const events = await db
      .select({ kind: securityEvents.kind, detail: securityEvents.detail })
      .from(securityEvents)
      .where(eq(securityEvents.staffId, member.id));
    expect(events).toEqual([{ kind: "two_factor.enrolled", detail: {} }]);

    await expect(beginTwoFactorEnrolment(member.id, authSecret, db)).rejects.toMatchObject({
      code: "security.errors.alreadyEnrolled",
    });
  });
});

describe("sign-in with two-factor", () => {
  it("asks for a code after the right password, accepts the current code once, and refuses a wrong one", async () => {
    const { member, secret } = await enrolled();
    expect(await signIn(member.email)).toEqual({ ok: false, reason: "two_factor_required" });
    const code = await totpCode(secret);
    expect(await signIn(member.email, "123456" === code ? "654321" : "123456")).toEqual({
      ok: false,
      reason: "two_factor_invalid",
    });
    expect((await signIn(member.email, code)).ok).toBe(true);
    // The same code again (a replay, or a second tab) is refused.
    expect(await signIn(member.email, code)).toEqual({ ok: false, reason: "two_factor_invalid" });
    const kinds = (
      await testDb()
        .db.select({ kind: securityEvents.kind, detail: securityEvents.detail })
        .from(securityEvents)
        .where(eq(securityEvents.staffId, member.id))
    ).map((e) => e.kind);
    expect(kinds.filter((k) => k === "two_factor.failed")).toHaveLength(2);
  });

  it("never asks for a code before the password is right", async () => {
    const { member } = await enrolled();
    expect(
      await authenticateStaff({ email: member.email, password: "wrong", address: address(), authSecret }, testDb().db),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("accepts each recovery code once, in any case and with or without the dash", async () => {
    const { db } = testDb();
    const { member, recoveryCodes } = await enrolled();
    const [first, second] = recoveryCodes;
    expect((await signIn(member.email, first!.toUpperCase().replace("-", " "))).ok).toBe(true);
    expect(await signIn(member.email, first!)).toEqual({ ok: false, reason: "two_factor_invalid" });
    expect((await signIn(member.email, second!)).ok).toBe(true);
    expect((await getTwoFactorStatus(member.id, db)).recoveryCodesLeft).toBe(8);
    const used = await db
      .select({ kind: securityEvents.kind })
      .from(securityEvents)
      .where(and(eq(securityEvents.staffId, member.id), eq(securityEvents.kind, "two_factor.recovery_used")));
    expect(used).toHaveLength(2);
  });
});

describe("an admin's 2FA reset", () => {
  it("removes the factor and the codes, ends every session, and is audited with its reason", async () => {
    const { db } = testDb();
    const admin = await createStaff(db, { role: "admin" });
    const { member, secret } = await enrolled();
    const session = await signIn(member.email, await totpCode(secret));
    if (!session.ok) throw new Error("sign-in failed");
    const token = { sessionId: session.sessionId, staffId: member.id, sessionVersion: 1 };
    expect((await checkStaffSession(token, { idleSeconds: 1800 }, db)).ok).toBe(true);

    await resetStaffTwoFactor({ staffId: member.id, reason: "Lost phone, called from desk" }, admin.id, db, {
      address: "192.0.2.9",
    });
    expect(await checkStaffSession(token, { idleSeconds: 1800 }, db)).toEqual({ ok: false, reason: "ended" });
    expect(await getTwoFactorStatus(member.id, db)).toMatchObject({ enrolled: false, recoveryCodesLeft: 0 });
    expect((await signIn(member.email)).ok).toBe(true);
    const audit = await auditTrail(db, "staff", member.id);
    expect(audit.at(-1)).toEqual({
      action: "staff.two_factor_reset",
      actor: admin.id,
      before: { twoFactor: true, sessionVersion: 1 },
      after: { twoFactor: false, sessionVersion: 2, reason: "Lost phone, called from desk" },
    });
    const [event] = await db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.staffId, member.id), eq(securityEvents.kind, "two_factor.reset")));
    expect(event).toMatchObject({ actorStaffId: admin.id, address: "192.0.2.9" });

    await expect(resetStaffTwoFactor({ staffId: member.id, reason: "again" }, admin.id, db)).rejects.toMatchObject({
      code: "security.errors.notEnrolled",
    });
  });
});
