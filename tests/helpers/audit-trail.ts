import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

/** An entity's audit rows, oldest first, as the assertions need them. */
export async function auditTrail(db: Db, entityType: string, entityId: number) {
  return db
    .select({ action: auditLog.action, actor: auditLog.actorStaffId, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
    .orderBy(asc(auditLog.id));
}
