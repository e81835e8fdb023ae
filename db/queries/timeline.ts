import { sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import type { ContactChannel, ContactOutcome } from "@/lib/domain/enums";

export const TIMELINE_PAGE_SIZE = 25;

export type TimelineKind = "contact" | "renewal" | "goodwill" | "stored_value" | "audit";

/** Where a timeline page stopped: the last row's instant (as stored), kind and id. */
export type TimelineCursor = readonly [at: string, kind: TimelineKind, id: number];

export interface TimelineEntry {
  kind: TimelineKind;
  id: number;
  at: Date;
  atKey: string;
  staffName: string | null;
  cardId: number | null;
  /** What the row says, by kind (see the SQL below). */
  detail: {
    channel?: ContactChannel | null;
    outcome?: ContactOutcome;
    callBackAt?: string | null;
    note?: string | null;
    ticketRef?: string | null;
    status?: string;
    priceMinor?: number;
    currency?: string;
    newValidityEnd?: string;
    previousValidityEnd?: string;
    days?: number;
    reasonCode?: string;
    reason?: string | null;
    deltaMinor?: number;
    balanceAfterMinor?: number;
    ledgerReason?: string;
    action?: string;
  };
}

// Actions whose own rows are already in the timeline; their audit rows would repeat them.
const SHOWN_ELSEWHERE = [
  "card.renew",
  "card.goodwill",
  "card.top_up",
  "card.stored_value_correction",
  "customer.contact",
];

/**
 * A customer's timeline, newest first: contacts, renewals, goodwill
 * extensions, stored-value changes and every other audit entry (lifecycle
 * steps such as suspend or replace, profile and real-name edits), merged and
 * keyset-paged on (instant, kind, id). Each arm reads its own index, stops at
 * a page plus one, and only the merged page is sorted.
 */
export async function listCustomerTimeline(
  params: { customerId: number; after: TimelineCursor | null; limit?: number },
  db: DbOrTx = defaultDb,
): Promise<{ entries: TimelineEntry[]; next: TimelineCursor | null }> {
  const limit = params.limit ?? TIMELINE_PAGE_SIZE;
  const id = params.customerId;
  const before = (at: SQL, kind: TimelineKind, rowId: SQL) =>
    params.after
      ? sql`and (${at}, ${kind}::text, ${rowId}) < (${params.after[0]}::timestamptz, ${params.after[1]}::text, ${params.after[2]}::bigint)`
      : sql``;
  const arm = (query: SQL) => sql`(${query} limit ${limit + 1})`;
  const rows = await db.execute<{
    kind: TimelineKind;
    id: number;
    at: string;
    staff_name: string | null;
    card_id: number | null;
    detail: TimelineEntry["detail"];
  }>(sql`
    select t.kind, t.id, t.at::text as at, s.name as staff_name, t.card_id, t.detail from (
      ${arm(sql`select 'contact' as kind, c.id::bigint as id, c.created_at as at, c.staff_id, c.card_id,
          jsonb_build_object('channel', c.channel, 'outcome', c.outcome, 'callBackAt', c.call_back_at, 'note', c.note, 'ticketRef', c.ticket_ref) as detail
        from contacts c where c.customer_id = ${id} ${before(sql`c.created_at`, "contact", sql`c.id::bigint`)}
        order by c.created_at desc, c.id desc`)}
      union all
      ${arm(sql`select 'renewal', r.id::bigint, r.created_at, r.sold_by, r.card_id,
          jsonb_build_object('status', r.status, 'priceMinor', r.price_minor, 'currency', r.currency, 'newValidityEnd', r.new_validity_end, 'previousValidityEnd', r.previous_validity_end)
        from renewals r join cards k on k.id = r.card_id where k.customer_id = ${id} ${before(sql`r.created_at`, "renewal", sql`r.id::bigint`)}
        order by r.created_at desc, r.id desc`)}
      union all
      ${arm(sql`select 'goodwill', g.id::bigint, g.created_at, g.granted_by, g.card_id,
          jsonb_build_object('days', g.days, 'reasonCode', g.reason_code, 'reason', g.reason, 'newValidityEnd', g.new_validity_end, 'previousValidityEnd', g.previous_validity_end)
        from goodwill_extensions g join cards k on k.id = g.card_id where k.customer_id = ${id} ${before(sql`g.created_at`, "goodwill", sql`g.id::bigint`)}
        order by g.created_at desc, g.id desc`)}
      union all
      ${arm(sql`select 'stored_value', l.id, l.created_at, l.staff_id, l.card_id,
          jsonb_build_object('deltaMinor', l.delta_minor, 'balanceAfterMinor', l.balance_after_minor, 'ledgerReason', l.reason)
        from stored_value_ledger l join cards k on k.id = l.card_id
        where k.customer_id = ${id} and l.reason in ('top_up', 'adjustment') ${before(sql`l.created_at`, "stored_value", sql`l.id`)}
        order by l.created_at desc, l.id desc`)}
      union all
      ${arm(sql`select 'audit', a.id, a.created_at, a.actor_staff_id, case when a.entity_type = 'card' and a.entity_id ~ '^[0-9]{1,9}$' then a.entity_id::int end,
          jsonb_build_object('action', a.action, 'ticketRef', a.ticket_ref, 'channel', a.contact_channel, 'note', a.contact_note, 'reason', a.reason)
        from audit_log a
        where a.customer_id = ${id} and a.action not in (${sql.join(
          SHOWN_ELSEWHERE.map((action) => sql`${action}`),
          sql`, `,
        )}) ${before(sql`a.created_at`, "audit", sql`a.id`)}
        order by a.created_at desc, a.id desc`)}
    ) t(kind, id, at, staff_id, card_id, detail)
    left join staff s on s.id = t.staff_id
    order by t.at desc, t.kind desc, t.id desc
    limit ${limit + 1}`);
  const all = [...rows].map((r): TimelineEntry => ({
    kind: r.kind,
    id: Number(r.id),
    at: new Date(r.at),
    atKey: r.at,
    staffName: r.staff_name,
    cardId: r.card_id === null ? null : Number(r.card_id),
    detail: r.detail,
  }));
  const entries = all.slice(0, limit);
  const last = entries.at(-1);
  return { entries, next: all.length > limit && last ? [last.atKey, last.kind, last.id] : null };
}

const kinds: readonly TimelineKind[] = ["contact", "renewal", "goodwill", "stored_value", "audit"];

/** Reads a decoded ?after= cursor; anything else is ignored. */
export function toTimelineCursor(values: readonly (string | number)[] | null): TimelineCursor | null {
  if (!values || values.length !== 3) return null;
  const [at, kind, id] = values;
  if (typeof at !== "string" || Number.isNaN(Date.parse(at))) return null;
  if (typeof kind !== "string" || !kinds.includes(kind as TimelineKind)) return null;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) return null;
  return [at, kind as TimelineKind, id];
}
