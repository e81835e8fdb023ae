import { eq, sql } from "drizzle-orm";
import type { SetStaffDisabledInput } from "@/lib/validation/staff";
import { db as defaultDb, type Db } from "@/db";
import { staff } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { assertNotLastAdmin, lockStaffForChange } from "@/db/mutations/_shared/lock-staff";

/**
 * Disabling ends the person's open sessions at their next request and refuses
 * their sign-in. The session version is bumped on disable, so re-enabling
 * never revives a session from before.
 */
export async function setStaffDisabled(
  input: SetStaffDisabledInput,
  actorId: number,
  db: Db = defaultDb,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const locked = await lockStaffForChange(tx, input.staffId);
    const { target } = locked;
    if ((target.disabledAt !== null) === input.disabled) return { changed: false };
    if (input.disabled) assertNotLastAdmin(locked);
    const [row] = await tx
      .update(staff)
      .set(
        input.disabled
          ? { disabledAt: sql`now()`, sessionVersion: sql`${staff.sessionVersion} + 1`, updatedAt: sql`now()` }
          : { disabledAt: null, updatedAt: sql`now()` },
      )
      .where(eq(staff.id, target.id))
      .returning({ disabledAt: staff.disabledAt, sessionVersion: staff.sessionVersion });
    await writeAudit(tx, {
      actorStaffId: actorId,
      action: input.disabled ? "staff.disable" : "staff.enable",
      entityType: "staff",
      entityId: target.id,
      before: { disabledAt: target.disabledAt, sessionVersion: target.sessionVersion },
      after: { disabledAt: row!.disabledAt, sessionVersion: row!.sessionVersion },
    });
    return { changed: true };
  });
}
