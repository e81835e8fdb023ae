import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";

/**
 * Adds a renewal to (sign 1) or takes it out of (sign -1) the daily rollup
 * that reports read, inside the renewal's or the void's own transaction. The
 * renewal's Hong Kong calendar day of purchase is the bucket; voided renewals
 * are not counted. Concurrent writers serialise on the bucket row.
 */
export async function applyRenewalToRollup(tx: Tx, renewalId: number, sign: 1 | -1): Promise<void> {
  const sale = sql`
    select (r.created_at at time zone 'Asia/Hong_Kong')::date as day, pv.plan_id, p.method, r.currency, r.channel, r.sold_by, r.card_state, r.price_minor
    from renewals r
    join plan_versions pv on pv.id = r.plan_version_id
    join payments p on p.renewal_id = r.id
    where r.id = ${renewalId}`;
  if (sign === 1) {
    await tx.execute(sql`
      insert into renewal_daily_stats as s (day, plan_id, method, currency, channel, sold_by, card_state, renewals, revenue_minor)
      select day, plan_id, method, currency, channel, sold_by, card_state, 1, price_minor from (${sale}) sale
      on conflict (day, plan_id, method, currency, channel, sold_by, card_state) do update
        set renewals = s.renewals + 1, revenue_minor = s.revenue_minor + excluded.revenue_minor`);
    return;
  }
  // The bucket exists: the sale being taken out was added to it.
  await tx.execute(sql`
    update renewal_daily_stats s
    set renewals = s.renewals - 1, revenue_minor = s.revenue_minor - sale.price_minor
    from (${sale}) sale
    where s.day = sale.day and s.plan_id = sale.plan_id and s.method = sale.method and s.currency = sale.currency
      and s.channel = sale.channel and s.sold_by is not distinct from sale.sold_by and s.card_state = sale.card_state`);
}
