import "server-only";
import { cache } from "react";
import { db } from "@/db";
import { checkStaffSession, type SessionCheck, type SessionEndReason } from "@/db/queries/staff-session";
import { env } from "@/lib/env";

/**
 * One database check per request, shared by the Auth.js jwt callback (so
 * /api/auth/session answers "no session" whenever this would refuse one) and
 * getStaff (pages and actions).
 */
export const checkSession = cache((sessionId: string, staffId: number, sessionVersion: number): Promise<SessionCheck> =>
  checkStaffSession({ sessionId, staffId, sessionVersion }, { idleSeconds: env().SESSION_IDLE_SECONDS }, db),
);

/** Why this request's session was refused, for the sign-in page's message. */
export const sessionEnd = cache((): { reason: SessionEndReason | null } => ({ reason: null }));
