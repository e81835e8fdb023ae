import { eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { NotFoundError } from "../errors";
import { signInThrottle } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";

/** An admin lifts a sign-in delay (an account's or an address's); audited and logged together. */
export async function clearSignInThrottle(
  key: string,
  actorId: number,
  db: Db = defaultDb,
  context: { address?: string } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(signInThrottle)
      .where(eq(signInThrottle.key, key))
      .returning({ failures: signInThrottle.failures, lockedUntil: signInThrottle.lockedUntil });
    if (!row) throw new NotFoundError("security.errors.throttleGone");
    const [kind] = key.split(":", 1);
    await writeAudit(tx, {
      actorStaffId: actorId,
      action: "security.throttle_cleared",
      entityType: "sign_in_throttle",
      entityId: key,
      before: { failures: row.failures, lockedUntil: row.lockedUntil },
    });
    await recordSecurityEvent(tx, {
      kind: "throttle.cleared",
      actorStaffId: actorId,
      address: context.address ?? null,
      detail: { bucket: kind ?? "unknown", failures: row.failures },
    });
  });
}
