import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { staff, staffSessions, staffTwoFactor } from "../schema";
import { getSessionStaff } from "./staff";

export type SessionEndReason = "idle" | "expired" | "ended";

export type SessionCheck =
  | {
      ok: true;
      staff: { id: number; email: string; name: string; role: "agent" | "supervisor" | "admin" };
      twoFactor: boolean;
    }
  | { ok: false; reason: SessionEndReason };

/**
 * Whether the session a token names still holds: its row is open, not idle
 * for longer than `idleSeconds`, not past its absolute expiry, and the staff
 * member is enabled with the same session version. Activity moves
 * last_seen_at (a few times a minute at most), never expires_at.
 */
export async function checkStaffSession(
  token: { sessionId: string; staffId: number; sessionVersion: number },
  options: { idleSeconds: number },
  db: DbOrTx,
): Promise<SessionCheck> {
  const [row] = await db
    .select({
      endedAt: staffSessions.endedAt,
      sessionVersion: staffSessions.sessionVersion,
      expired: sql<boolean>`${staffSessions.expiresAt} <= now()`,
      idle: sql<boolean>`${staffSessions.lastSeenAt} < now() - make_interval(secs => ${options.idleSeconds})`,
      touch: sql<boolean>`${staffSessions.lastSeenAt} < now() - make_interval(secs => ${Math.min(15, options.idleSeconds / 4)})`,
      twoFactor: sql<boolean>`${staffTwoFactor.confirmedAt} is not null`,
    })
    .from(staffSessions)
    .leftJoin(staffTwoFactor, eq(staffTwoFactor.staffId, staffSessions.staffId))
    .where(and(eq(staffSessions.id, token.sessionId), eq(staffSessions.staffId, token.staffId)))
    .limit(1);
  if (!row || row.endedAt || row.sessionVersion !== token.sessionVersion) return { ok: false, reason: "ended" };
  if (row.expired || row.idle) {
    const reason = row.expired ? "expired" : "idle";
    await db
      .update(staffSessions)
      .set({ endedAt: sql`now()`, endReason: reason })
      .where(and(eq(staffSessions.id, token.sessionId), isNull(staffSessions.endedAt)));
    return { ok: false, reason };
  }
  const member = await getSessionStaff(token.staffId, token.sessionVersion, db);
  if (!member) return { ok: false, reason: "ended" };
  if (row.touch) {
    await db
      .update(staffSessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(staffSessions.id, token.sessionId));
  }
  return { ok: true, staff: member, twoFactor: row.twoFactor };
}

/** The staff member's own open sessions, newest first, for their sessions page. */
export async function listOpenSessions(staffId: number, options: { idleSeconds: number }, db: DbOrTx) {
  return db
    .select({
      id: staffSessions.id,
      createdAt: staffSessions.createdAt,
      lastSeenAt: staffSessions.lastSeenAt,
      expiresAt: staffSessions.expiresAt,
      userAgent: staffSessions.userAgent,
      address: staffSessions.address,
    })
    .from(staffSessions)
    .innerJoin(staff, and(eq(staff.id, staffSessions.staffId), eq(staff.sessionVersion, staffSessions.sessionVersion)))
    .where(
      and(
        eq(staffSessions.staffId, staffId),
        isNull(staffSessions.endedAt),
        gt(staffSessions.expiresAt, sql`now()`),
        gt(staffSessions.lastSeenAt, sql`now() - make_interval(secs => ${options.idleSeconds})`),
      ),
    )
    .orderBy(desc(staffSessions.lastSeenAt))
    .limit(50);
}
