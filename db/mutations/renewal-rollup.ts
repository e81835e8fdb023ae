import { sql } from "drizzle-orm";
import type { Tx } from "../client";

/**
 * Adds a renewal to (sign 1) or takes it out of (sign -1) the daily rollup
 * that reports read, inside the renewal's or the void's own transaction. The
 * renewal's Hong Kong calendar day of purchase is the bucket; voided renewals
 * are not counted. Concurrent writers serialise on the bucket row.
 */
export async function applyRenewalToRollup(tx: Tx, renewalId: number, sign: 1 | -1): Promise<void> {
  await tx.execute(sql`
    insert into renewal_daily_stats as s (day, plan_id, method, currency, channel, sold_by, card_state, renewals, revenue_minor)
    select (r.created_at at time zone 'Asia/Hong_Kong')::date, pv.plan_id, p.method, r.currency, r.channel, r.sold_by, r.card_state,
      ${sign}, ${sign} * r.price_minor
    from renewals r
    join plan_versions pv on pv.id = r.plan_version_id
    join payments p on p.renewal_id = r.id
    where r.id = ${renewalId}
    on conflict (day, plan_id, method, currency, channel, sold_by, card_state) do update
      set renewals = s.renewals + excluded.renewals, revenue_minor = s.revenue_minor + excluded.revenue_minor`);
}
