import "server-only";
import { db } from "@/db";
import { requestAddress, type StaffSession } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { configuredRateLimits, consumeRateLimit, type RateLimitKind, type RateLimitResult } from "@/lib/rate-limit";

/** Spends one `kind` request of the signed-in member against the configured limit. */
export async function limitStaff(kind: RateLimitKind, staff: StaffSession): Promise<RateLimitResult> {
  return consumeRateLimit(db, kind, staff.id, configuredRateLimits(env()), { address: await requestAddress() });
}
