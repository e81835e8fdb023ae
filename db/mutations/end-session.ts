import { and, eq, isNull, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { staffSessions } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";

/** Ends one session (this browser's sign-out); the member's other browsers stay signed in. */
export async function endSession(
  sessionId: string,
  staffId: number,
  reason: "sign_out",
  db: Db = defaultDb,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(staffSessions)
      .set({ endedAt: sql`now()`, endReason: reason })
      .where(and(eq(staffSessions.id, sessionId), eq(staffSessions.staffId, staffId), isNull(staffSessions.endedAt)));
    await writeAudit(tx, { actorStaffId: staffId, action: `staff.${reason}`, entityType: "staff", entityId: staffId });
  });
}
