import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { backoffSeconds } from "@/lib/domain/retry";
import type { SmsProvider } from "@/lib/notifications/sms-provider";

export interface DeliveryOptions {
  batchSize?: number;
  /** How long a claimed message is ours before another worker may take it over. */
  lockSeconds?: number;
  maxAttempts?: number;
  /** For tests: called after the provider accepted a message and before it is marked sent. */
  afterSend?: (id: number) => Promise<void> | void;
}

export interface DeliveryCounts {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Claims due messages (SKIP LOCKED, so any number of workers can run), sends
 * each through the provider, and marks it sent, or schedules a retry with
 * backoff, or gives up after maxAttempts. A renewal's confirmation waits until
 * the carrier has activated it. A crash between send and mark leaves the claim
 * to expire, so a message is sent at most twice, and once with a provider that
 * dedupes by key.
 */
export async function deliverDueNotifications(
  db: Db,
  provider: SmsProvider,
  options: DeliveryOptions = {},
): Promise<DeliveryCounts> {
  const batchSize = options.batchSize ?? 20;
  const lockSeconds = options.lockSeconds ?? 60;
  const maxAttempts = options.maxAttempts ?? 8;
  const claimed = await db.execute<{
    id: number;
    to_msisdn: string;
    body: string;
    dedupe_key: string;
    attempts: number;
  }>(sql`
    update notifications n
    set locked_until = now() + make_interval(secs => ${lockSeconds}), attempts = n.attempts + 1
    where n.id in (
      select q.id from notifications q
      left join renewals r on r.id = q.renewal_id
      where q.status = 'pending' and q.next_attempt_at <= now()
        and (q.locked_until is null or q.locked_until < now())
        and (q.kind <> 'renewal_confirmation' or r.status = 'activated')
      order by q.next_attempt_at, q.id
      limit ${batchSize}
      for update of q skip locked
    )
    returning n.id, n.to_msisdn, n.body, n.dedupe_key, n.attempts`);

  const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
  for (const message of claimed) {
    let providerMessageId: string;
    try {
      ({ providerMessageId } = await provider.send({
        to: message.to_msisdn,
        body: message.body,
        dedupeKey: message.dedupe_key,
      }));
    } catch (error) {
      const reason = (error instanceof Error ? error.message : "send failed").slice(0, 200);
      if (message.attempts >= maxAttempts) {
        await db.execute(
          sql`update notifications set status = 'failed', last_error = ${reason}, locked_until = null where id = ${message.id} and status = 'pending'`,
        );
        counts.failed++;
      } else {
        await db.execute(sql`
          update notifications set next_attempt_at = now() + make_interval(secs => ${backoffSeconds(message.attempts)}), last_error = ${reason}, locked_until = null
          where id = ${message.id} and status = 'pending'`);
        counts.retried++;
      }
      continue;
    }
    // Sent. Only the provider's refusal above counts as a failed send: if marking it fails (the database
    // is gone), the claim simply expires and the retry carries the same dedupe key to the provider.
    await options.afterSend?.(Number(message.id));
    await db.execute(sql`
      update notifications set status = 'sent', sent_at = now(), provider_message_id = ${providerMessageId}, locked_until = null, last_error = null
      where id = ${message.id} and status = 'pending'`);
    counts.sent++;
  }
  return counts;
}
