import { and, desc, eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { auditLog, staff } from "../schema";

const ACTIVITY_LIMIT = 50;

/** What was done to one thing, newest first, with who did it (the audit_log_entity index). */
export async function listEntityActivity(entity: { type: string; id: number }, db: DbOrTx = defaultDb) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorName: staff.name,
    })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.actorStaffId))
    .where(and(eq(auditLog.entityType, entity.type), eq(auditLog.entityId, String(entity.id))))
    .orderBy(desc(auditLog.id))
    .limit(ACTIVITY_LIMIT);
}
export type ActivityRow = Awaited<ReturnType<typeof listEntityActivity>>[number];
