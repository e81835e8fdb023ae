import { sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { enqueueNotification } from "@/db/mutations/_shared/enqueue-notification";
import { reminderThreshold } from "@/lib/domain/reports/worklist";
import type { Language } from "@/lib/domain/enums";

export interface ReminderResult {
  queued: number;
  /** Already reminded under the same threshold for the same validity end. */
  alreadyReminded: number;
  /** Not due a reminder (suspended, lapsed, more than 30 days left, unknown) or no live number. */
  skipped: number;
}

/**
 * Queues an expiry reminder SMS for each card, as a queued notification, in one
 * transaction with an audit row per queued message. The dedupe key names the
 * card, the threshold it is in now (1 / 3 / 7 / 30 days, or grace) and its
 * validity end, so a card gets at most one reminder per threshold until it is
 * renewed, however often or concurrently staff press the button. The SMS goes
 * to the number the customer chose at their last renewal if it is still on the
 * card, else the card's Hong Kong number, else its mainland one.
 */
export async function sendExpiryReminders(
  input: { cardIds: number[]; staffId: number; now: Date; graceDays: number },
  db: Db = defaultDb,
): Promise<ReminderResult> {
  if (input.cardIds.length === 0) return { queued: 0, alreadyReminded: 0, skipped: 0 };
  return db.transaction(async (tx) => {
    // FOR SHARE: a renewal committing meanwhile waits, so no reminder names a validity end that just moved.
    const rows = await tx.execute<{
      card_id: number;
      validity_end: string;
      suspended: boolean;
      language: Language;
      to_msisdn: string | null;
    }>(sql`
      select c.id as card_id, c.validity_end::text as validity_end, c.suspended_at is not null as suspended, cu.preferred_language as language,
        coalesce(
          (select r.sms_msisdn from renewals r
            where r.card_id = c.id and r.status <> 'voided' and r.sms_msisdn is not null
              and exists (select 1 from card_numbers n where n.card_id = c.id and n.msisdn = r.sms_msisdn and n.released_at is null)
            order by r.created_at desc, r.id desc limit 1),
          (select n.msisdn from card_numbers n where n.card_id = c.id and n.released_at is null order by n.region = 'HK' desc limit 1)
        ) as to_msisdn
      from cards c join customers cu on cu.id = c.customer_id
      where c.id in (${sql.join(
        input.cardIds.map((id) => sql`${id}`),
        sql`, `,
      )})
      order by c.id
      for share of c`);

    const result: ReminderResult = { queued: 0, alreadyReminded: 0, skipped: input.cardIds.length - rows.length };
    for (const row of rows) {
      const validityEnd = new Date(row.validity_end);
      const threshold = row.suspended ? null : reminderThreshold(validityEnd, input.now, input.graceDays);
      if (!threshold || !row.to_msisdn) {
        result.skipped++;
        continue;
      }
      const queued = await enqueueNotification(tx, {
        cardId: row.card_id,
        toMsisdn: row.to_msisdn,
        language: row.language,
        message: { kind: "expiry_reminder", validityEnd, inGrace: threshold === "grace" },
        kind: "expiry_reminder",
        dedupeKey: `expiry_reminder:${row.card_id}:${threshold}:${validityEnd.toISOString()}`,
        createdBy: input.staffId,
      });
      if (!queued) {
        result.alreadyReminded++;
        continue;
      }
      result.queued++;
      await writeAudit(tx, {
        actorStaffId: input.staffId,
        action: "card.expiry_reminder",
        entityType: "card",
        entityId: row.card_id,
        after: { threshold, validityEnd: validityEnd.toISOString() },
      });
    }
    return result;
  });
}
