import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { NotFoundError, PreconditionError } from "../errors";
import { notifications } from "../schema";
import { writeAudit, type AuditContext } from "@/db/mutations/_shared/audit";

/**
 * Queues a fresh copy of a message the customer says they did not get. One
 * resend per message per minute, so a double click sends once.
 */
export async function resendNotification(
  notificationId: number,
  actor: { id: number },
  options: { context?: AuditContext } = {},
  db: Db = defaultDb,
): Promise<{ notificationId: number }> {
  return db.transaction(async (tx) => {
    const [original] = await tx
      .select({
        id: notifications.id,
        cardId: notifications.cardId,
        renewalId: notifications.renewalId,
        toMsisdn: notifications.toMsisdn,
        language: notifications.language,
        body: notifications.body,
        status: notifications.status,
      })
      .from(notifications)
      .where(eq(notifications.id, notificationId));
    if (!original) throw new NotFoundError("renewal.notification_not_found");
    if (original.status === "failed") throw new PreconditionError("renewal.notification_cancelled");
    const [copy] = await tx
      .insert(notifications)
      .values({
        kind: "resend",
        cardId: original.cardId,
        renewalId: original.renewalId,
        toMsisdn: original.toMsisdn,
        language: original.language,
        body: original.body,
        dedupeKey: sql`'resend:' || ${original.id} || ':' || to_char(now(), 'YYYYMMDDHH24MI')`,
        createdBy: actor.id,
      })
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ id: notifications.id });
    if (!copy) {
      // A concurrent click this minute queued the copy already.
      const [existing] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          eq(notifications.dedupeKey, sql`'resend:' || ${original.id} || ':' || to_char(now(), 'YYYYMMDDHH24MI')`),
        );
      return { notificationId: existing?.id ?? original.id };
    }
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "notification.resend",
      entityType: "notification",
      entityId: original.id,
      after: { copyId: copy.id },
      context: options.context,
    });
    return { notificationId: copy.id };
  });
}
