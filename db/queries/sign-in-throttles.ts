import { desc, gt, or, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { signInThrottle } from "../schema";

/**
 * Sign-in buckets an admin should see: those with a delay running now, and
 * those with failures in the current window. Keys name an account (email) or
 * an address; both are shown to admins only.
 */
export async function listSignInThrottles(db: DbOrTx = defaultDb) {
  const rows = await db
    .select({
      key: signInThrottle.key,
      failures: signInThrottle.failures,
      lastFailureAt: signInThrottle.lastFailureAt,
      lockedUntil: signInThrottle.lockedUntil,
      delayed: sql<boolean>`coalesce(${signInThrottle.lockedUntil} > now(), false)`,
    })
    .from(signInThrottle)
    .where(or(gt(signInThrottle.lockedUntil, sql`now()`), gt(signInThrottle.failures, 0)))
    .orderBy(desc(sql`coalesce(${signInThrottle.lockedUntil} > now(), false)`), desc(signInThrottle.lastFailureAt))
    .limit(200);
  return rows.map((row) => {
    const [kind, ...rest] = row.key.split(":");
    return {
      ...row,
      kind: kind === "account" || kind === "device" || kind === "address" ? kind : ("other" as const),
      subject: rest.join(":"),
    };
  });
}
export type SignInThrottleRow = Awaited<ReturnType<typeof listSignInThrottles>>[number];
