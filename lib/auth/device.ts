import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The "known device" cookie: set after a successful sign-in, it names the
 * staff member and is signed with AUTH_SECRET, so only a browser that once
 * signed in as them carries it. Failed attempts from such a browser are
 * throttled apart from everyone else's (see throttlePolicy).
 */
export const DEVICE_COOKIE = "rd-known-device";
export const DEVICE_COOKIE_MAX_AGE = 180 * 86_400;

function mac(staffId: number, authSecret: string): string {
  return createHmac("sha256", authSecret).update(`known-device:${staffId}`).digest("base64url").slice(0, 32);
}

export function deviceCookieValue(staffId: number, authSecret: string): string {
  return `${staffId}.${mac(staffId, authSecret)}`;
}

/** The staff id a cookie value vouches for, or null when it is missing or forged. */
export function knownDeviceStaffId(value: string | undefined, authSecret: string): number | null {
  const match = value?.match(/^(\d{1,10})\.([A-Za-z0-9_-]{32})$/);
  if (!match) return null;
  const staffId = Number(match[1]);
  const expected = Buffer.from(mac(staffId, authSecret));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? staffId : null;
}
