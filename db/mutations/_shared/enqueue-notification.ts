import { notifications } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Language, NotificationKind } from "@/lib/domain/enums";
import { renderNotificationText, type NotificationContent } from "@/lib/domain/notification-text";

/**
 * Queues a notification (an SMS today) in the caller's transaction: it exists only if what it
 * announces committed, and the worker sends it afterwards. `dedupeKey` makes a
 * second enqueue of the same purpose a no-op (returns false).
 */
export async function enqueueNotification(
  tx: Tx,
  input: {
    cardId: number;
    renewalId?: number | null;
    toMsisdn: string;
    language: Language;
    message: NotificationContent;
    kind: NotificationKind;
    dedupeKey: string;
    createdBy: number | null;
  },
): Promise<boolean> {
  const inserted = await tx
    .insert(notifications)
    .values({
      kind: input.kind,
      cardId: input.cardId,
      renewalId: input.renewalId ?? null,
      toMsisdn: input.toMsisdn,
      language: input.language,
      body: renderNotificationText(input.message, input.language),
      dedupeKey: input.dedupeKey,
      createdBy: input.createdBy,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return inserted.length > 0;
}
