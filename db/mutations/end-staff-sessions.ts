import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { staff } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";

/**
 * Ends every open session of a staff member by bumping the session version
 * their tokens carry. Sign-out uses it: clearing the cookie alone is not
 * enough, since a request still in flight can set a refreshed one again.
 */
export async function endStaffSessions(staffId: number, reason: "sign_out", db: Db = defaultDb): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(staff)
      .set({ sessionVersion: sql`${staff.sessionVersion} + 1` })
      .where(eq(staff.id, staffId));
    await writeAudit(tx, { actorStaffId: staffId, action: `staff.${reason}`, entityType: "staff", entityId: staffId });
  });
}
