import { and, eq, isNull, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { staff, staffSessions } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";

/**
 * Ends every open session of a staff member ("sign out everywhere"): their
 * session rows end and the session version their tokens carry is bumped, so
 * even a token re-issued by a request still in flight is refused.
 */
export async function endStaffSessions(
  staffId: number,
  reason: "sign_out" | "sign_out_everywhere",
  db: Db = defaultDb,
  context: { address?: string } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(staff)
      .set({ sessionVersion: sql`${staff.sessionVersion} + 1` })
      .where(eq(staff.id, staffId));
    await tx
      .update(staffSessions)
      .set({ endedAt: sql`now()`, endReason: reason })
      .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.endedAt)));
    await writeAudit(tx, { actorStaffId: staffId, action: `staff.${reason}`, entityType: "staff", entityId: staffId });
    if (reason === "sign_out_everywhere")
      await recordSecurityEvent(tx, {
        kind: "session.ended_everywhere",
        staffId,
        address: context.address ?? null,
      });
  });
}
