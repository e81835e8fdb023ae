import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { db } from "@/db";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { checkSession, sessionEnd } from "@/lib/auth/session-check";
import { allows, type Permission, type Role } from "@/lib/domain/permissions";
import { env } from "@/lib/env";

export interface StaffSession {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The session row this request belongs to (the sessions page marks it "this browser"). */
  sessionId: string;
  /** Whether the member has confirmed TOTP two-factor sign-in. */
  twoFactor: boolean;
}

/**
 * The signed-in staff member, re-read from the database on every request: a
 * disabled account, a bumped session version, an ended, idle or expired
 * session row ends the session here, whatever the token still says.
 */
export const getStaff = cache(async (): Promise<StaffSession | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  const sessionId = session?.sessionId;
  if (!session || !sessionId || !Number.isSafeInteger(id) || id <= 0) return null;
  const check = await checkSession(sessionId, id, session.sessionVersion);
  if (!check.ok) {
    sessionEnd().reason = check.reason;
    return null;
  }
  return { ...check.staff, sessionId, twoFactor: check.twoFactor };
});

export const TWO_FACTOR_PATH = "/account/two-factor";

/** Whether this member's role must use two-factor sign-in (TWO_FACTOR_ROLES). */
export function needsTwoFactorEnrolment(staff: StaffSession): boolean {
  return !staff.twoFactor && env().TWO_FACTOR_ROLES.includes(staff.role);
}

/** The request's client address as the proxy determined it (TRUSTED_PROXY_HOPS). */
export async function requestAddress(): Promise<string> {
  return (await headers()).get(CLIENT_ADDRESS_HEADER) || "unknown";
}

/** Records a refused page or action (the member is signed in but lacks the permission). */
export async function recordDenial(staff: StaffSession, where: string, required: Permission): Promise<void> {
  await recordSecurityEvent(db, {
    kind: "access.denied",
    staffId: staff.id,
    address: await requestAddress(),
    detail: { where: where.slice(0, 120), required, role: staff.role },
  });
}

/**
 * For pages and data reads: the signed-in staff member who holds `permission`,
 * or a redirect / 403. A member whose role requires 2FA and who has not set it
 * up yet is sent to enrol first; `twoFactorExempt` is for the pages that must
 * work before that (the enrolment page, the shell around it).
 */
export async function requireStaff(
  options: { permission?: Permission; twoFactorExempt?: boolean } = {},
): Promise<StaffSession> {
  const current = await getStaff();
  const path = (await headers()).get("x-pathname");
  if (!current) {
    const target = path && path.startsWith("/") && !path.startsWith("//") ? path : "/customers";
    const reason = sessionEnd().reason;
    const why = reason === "idle" || reason === "expired" ? reason : "signed-out";
    redirect(`/login?reason=${why}&callbackUrl=${encodeURIComponent(target)}`);
  }
  // Each page asks for itself (x-pathname is the action's path while an action's redirect renders the next page).
  if (!options.twoFactorExempt && needsTwoFactorEnrolment(current)) redirect(`${TWO_FACTOR_PATH}?required=1`);
  if (options.permission && !allows(current.role, options.permission)) {
    await recordDenial(current, (path ?? "page").split("?")[0]!, options.permission);
    forbidden();
  }
  return current;
}
