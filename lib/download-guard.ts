import "server-only";
import { getTranslations } from "next-intl/server";
import { getStaff, needsTwoFactorEnrolment, recordDenial, type StaffSession } from "@/lib/auth/session";
import { allows, type Permission } from "@/lib/domain/permissions";
import { limitStaff } from "@/lib/rate-limit-request";

/**
 * The checks every download route (CSV exports of reports, money and
 * background jobs) makes itself, as server actions do through staffAction:
 * the proxy's redirect to sign-in is a convenience, never the gate.
 */

/** A short message with its status, never cached. */
export function plainResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * The signed-in staff member, or the answer that refuses the download: 401
 * signed out, 403 before 2FA is set up, and 403 (the denial recorded in the
 * security log, under `where`) when their role lacks `permission`. Every
 * download names the permission of the page it comes from.
 */
export async function downloadStaff(required: {
  permission: Permission;
  where: string;
}): Promise<{ ok: true; staff: StaffSession } | { ok: false; response: Response }> {
  const staff = await getStaff();
  const errors = await getTranslations("errors");
  if (!staff) return { ok: false, response: plainResponse(401, errors("signedOut")) };
  if (needsTwoFactorEnrolment(staff)) return { ok: false, response: plainResponse(403, errors("twoFactorFirst")) };
  if (!(await permitted(staff, required.permission, required.where)))
    return { ok: false, response: plainResponse(403, errors("forbidden")) };
  return { ok: true, staff };
}

/** Whether `staff` may; when not, the denial is recorded under `where`. */
export async function permitted(staff: StaffSession, permission: Permission, where: string): Promise<boolean> {
  if (allows(staff.role, permission)) return true;
  await recordDenial(staff, where, permission);
  return false;
}

/** The shared export rate limit: null when there is room, else a 429 with Retry-After. */
export async function exportLimitResponse(staff: StaffSession): Promise<Response | null> {
  const limited = await limitStaff("exports", staff);
  if (limited.ok) return null;
  const errors = await getTranslations("errors");
  const response = plainResponse(429, errors("rateLimited", { seconds: limited.retryAfterSeconds }));
  response.headers.set("Retry-After", String(limited.retryAfterSeconds));
  return response;
}
