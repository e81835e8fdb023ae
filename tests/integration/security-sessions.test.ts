import { eq, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { handlers } from "@/auth";
import { authenticateStaff } from "@/db/mutations/authenticate-staff";
import { endSession } from "@/db/mutations/end-session";
import { endStaffSessions } from "@/db/mutations/end-staff-sessions";
import { checkStaffSession, listOpenSessions } from "@/db/queries/staff-session";
import { securityEvents, staff, staffSessions } from "@/db/schema";
import { testDb } from "../helpers/db";
import { createStaff, FACTORY_PASSWORD, uniqueSuffix } from "../helpers/factories";

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;
const idle = { idleSeconds: 1800 };

async function signedIn(options: { maxSeconds?: number } = {}) {
  const { db } = testDb();
  const member = await createStaff(db);
  const result = await authenticateStaff(
    {
      email: member.email,
      password: FACTORY_PASSWORD,
      address: address(),
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
      sessionMaxSeconds: options.maxSeconds ?? 12 * 3600,
    },
    db,
  );
  if (!result.ok) throw new Error("sign-in failed");
  return {
    member,
    sessionId: result.sessionId,
    token: { sessionId: result.sessionId, staffId: member.id, sessionVersion: 1 },
  };
}

describe("session lifetime", () => {
  it("keeps an active session and moves last-seen, never the absolute expiry", async () => {
    const { db } = testDb();
    const { token } = await signedIn();
    await db
      .update(staffSessions)
      .set({ lastSeenAt: sql`now() - interval '10 minutes'` })
      .where(eq(staffSessions.id, token.sessionId));
    const [before] = await db.select().from(staffSessions).where(eq(staffSessions.id, token.sessionId));
    expect(await checkStaffSession(token, idle, db)).toMatchObject({ ok: true, twoFactor: false });
    const [after] = await db.select().from(staffSessions).where(eq(staffSessions.id, token.sessionId));
    expect(after!.lastSeenAt.getTime()).toBeGreaterThan(before!.lastSeenAt.getTime() + 9 * 60_000);
    expect(after!.expiresAt).toEqual(before!.expiresAt);
    // 12 hours from sign-in (default), not from this request.
    expect(after!.expiresAt.getTime() - after!.createdAt.getTime()).toBe(12 * 3600 * 1000);
  });

  it("ends a session idle for longer than the idle timeout, and says so", async () => {
    const { db } = testDb();
    const { token } = await signedIn();
    await db
      .update(staffSessions)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(eq(staffSessions.id, token.sessionId));
    expect(await checkStaffSession(token, idle, db)).toEqual({ ok: false, reason: "idle" });
    // Ended for good: coming back does not revive it.
    await db
      .update(staffSessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(staffSessions.id, token.sessionId));
    expect(await checkStaffSession(token, idle, db)).toEqual({ ok: false, reason: "ended" });
  });

  it("ends a session at its absolute lifetime however active it is", async () => {
    const { db } = testDb();
    const { token } = await signedIn({ maxSeconds: 60 });
    expect((await checkStaffSession(token, idle, db)).ok).toBe(true);
    await db
      .update(staffSessions)
      .set({ expiresAt: sql`now() - interval '1 second'`, lastSeenAt: sql`now()` })
      .where(eq(staffSessions.id, token.sessionId));
    expect(await checkStaffSession(token, idle, db)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token naming someone else's session, a bumped version, or a disabled account", async () => {
    const { db } = testDb();
    const a = await signedIn();
    const b = await signedIn();
    expect(await checkStaffSession({ ...a.token, staffId: b.member.id }, idle, db)).toEqual({
      ok: false,
      reason: "ended",
    });
    expect(await checkStaffSession({ ...a.token, sessionVersion: 2 }, idle, db)).toEqual({
      ok: false,
      reason: "ended",
    });
    await db
      .update(staff)
      .set({ disabledAt: sql`now()` })
      .where(eq(staff.id, b.member.id));
    expect(await checkStaffSession(b.token, idle, db)).toEqual({ ok: false, reason: "ended" });
  });

  it("signs out one browser, or every browser with a security event", async () => {
    const { db } = testDb();
    const first = await signedIn();
    const second = await authenticateStaff(
      { email: first.member.email, password: FACTORY_PASSWORD, address: address() },
      db,
    );
    if (!second.ok) throw new Error("second sign-in failed");
    const secondToken = { ...first.token, sessionId: second.sessionId };
    expect(await listOpenSessions(first.member.id, idle, db)).toHaveLength(2);

    await endSession(first.sessionId, first.member.id, "sign_out", db);
    expect(await checkStaffSession(first.token, idle, db)).toEqual({ ok: false, reason: "ended" });
    expect((await checkStaffSession(secondToken, idle, db)).ok).toBe(true);

    await endStaffSessions(first.member.id, "sign_out_everywhere", db, { address: "192.0.2.1" });
    expect(await checkStaffSession(secondToken, idle, db)).toEqual({ ok: false, reason: "ended" });
    expect(await listOpenSessions(first.member.id, idle, db)).toEqual([]);
    const events = await db
      .select({ kind: securityEvents.kind, address: securityEvents.address })
      .from(securityEvents)
      .where(eq(securityEvents.staffId, first.member.id));
    expect(events).toContainEqual({ kind: "session.ended_everywhere", address: "192.0.2.1" });
  });
});

describe("/api/auth/session", () => {
  const secret = process.env.AUTH_SECRET!;

  async function sessionResponse(token: { staffId: number; sessionId: string; sessionVersion: number }) {
    const jwt = await encode({
      token: {
        sub: String(token.staffId),
        sid: token.sessionId,
        sessionVersion: token.sessionVersion,
        name: "Test Staff",
        email: "someone@example.test",
      },
      secret,
      salt: "authjs.session-token",
    });
    const response = await handlers.GET(
      new Request("http://localhost/api/auth/session", { headers: { cookie: `authjs.session-token=${jwt}` } }) as never,
    );
    return { status: response.status, body: await response.json() };
  }

  it("returns the session while the database check holds", async () => {
    const { token, member } = await signedIn();
    const { status, body } = await sessionResponse(token);
    expect(status).toBe(200);
    expect(body).toMatchObject({ user: { id: String(member.id) } });
  });

  it("returns no session, no name, email or id, once the session is signed out or the account disabled", async () => {
    const { db } = testDb();
    const out = await signedIn();
    await endSession(out.sessionId, out.member.id, "sign_out", db);
    const disabled = await signedIn();
    await db
      .update(staff)
      .set({ disabledAt: sql`now()` })
      .where(eq(staff.id, disabled.member.id));
    for (const token of [out.token, disabled.token]) {
      const { body } = await sessionResponse(token);
      expect(body).toBeNull();
    }
  });
});
