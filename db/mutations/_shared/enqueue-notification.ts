import { notifications } from "@/db/schema";
import type { Tx } from "@/db/client";
import { renderSms, type SmsLanguage, type SmsMessage } from "@/lib/domain/notification-text";

/**
 * Queues an SMS in the caller's transaction: it exists only if what it
 * announces committed, and the worker sends it afterwards. `dedupeKey` makes a
 * second enqueue of the same purpose a no-op (returns false).
 */
export async function enqueueSms(
  tx: Tx,
  input: {
    cardId: number;
    renewalId?: number | null;
    toMsisdn: string;
    language: SmsLanguage;
    message: SmsMessage;
    kind: "renewal_confirmation" | "renewal_voided" | "expiry_reminder" | "resend";
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
      body: renderSms(input.message, input.language),
      dedupeKey: input.dedupeKey,
      createdBy: input.createdBy,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return inserted.length > 0;
}
