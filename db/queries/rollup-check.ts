import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import type { DayRange } from "@/lib/domain/reports/range";
import { addDays, hkStartOfDay } from "@/lib/domain/time";

/**
 * The raw side of every rollup check: renewals not voided, bought on the
 * range's Hong Kong days (in_range), with their first payment's method (first_payment).
 */
function salesInRange(range: DayRange): SQL {
  const start = hkStartOfDay(range.from).toISOString();
  const end = hkStartOfDay(addDays(range.to, 1)).toISOString();
  return sql`in_range as (
      select r.id, r.plan_version_id, r.currency, r.channel, r.sold_by, r.card_state, r.price_minor,
        (r.created_at at time zone 'Asia/Hong_Kong')::date as day
      from renewals r
      where r.status <> 'voided' and r.created_at >= ${start}::timestamptz and r.created_at < ${end}::timestamptz
    ), first_payment as (
      select distinct on (p.renewal_id) p.renewal_id, p.method
      from payments p join in_range r on r.id = p.renewal_id
      order by p.renewal_id, p.id
    )`;
}

export interface RollupDifference {
  day: string;
  planId: number | null;
  /** Null when a renewal has no payment, which the rollup cannot count. */
  method: string | null;
  currency: string;
  channel: string;
  soldBy: number | null;
  cardState: string;
  expectedRenewals: number;
  actualRenewals: number;
  expectedRevenueMinor: number;
  actualRevenueMinor: number;
}

/**
 * Recomputes renewal_daily_stats from the raw renewals (not voided, by the
 * Hong Kong day they were bought, with their first payment's method) for
 * the days in the range and returns every bucket where the rollup disagrees.
 * Empty means the rollup is exact. Rows the upkeep left at zero count as absent.
 */
export async function compareRollup(range: DayRange, db: DbOrTx): Promise<RollupDifference[]> {
  const rows = await db.execute<{
    day: string;
    plan_id: number | null;
    method: string | null;
    currency: string;
    channel: string;
    sold_by: number | null;
    card_state: string;
    expected_renewals: number;
    actual_renewals: number;
    expected_revenue: string;
    actual_revenue: string;
  }>(sql`
    with ${salesInRange(range)}, raw as (
      select r.day, pv.plan_id, p.method, r.currency, r.channel, r.sold_by, r.card_state,
        count(*)::int as renewals, sum(r.price_minor)::bigint as revenue
      from in_range r
      join plan_versions pv on pv.id = r.plan_version_id
      left join first_payment p on p.renewal_id = r.id
      group by 1, 2, 3, 4, 5, 6, 7
    ), rollup as (
      select day, plan_id, method, currency, channel, sold_by, card_state, renewals, revenue_minor as revenue
      from renewal_daily_stats
      where day between ${range.from}::date and ${range.to}::date and (renewals <> 0 or revenue_minor <> 0)
    )
    select coalesce(raw.day, rollup.day)::text as day,
      coalesce(raw.plan_id, rollup.plan_id) as plan_id,
      coalesce(raw.method, rollup.method)::text as method,
      coalesce(raw.currency, rollup.currency)::text as currency,
      coalesce(raw.channel, rollup.channel)::text as channel,
      coalesce(raw.sold_by, rollup.sold_by) as sold_by,
      coalesce(raw.card_state, rollup.card_state)::text as card_state,
      coalesce(raw.renewals, 0) as expected_renewals, coalesce(rollup.renewals, 0) as actual_renewals,
      coalesce(raw.revenue, 0)::text as expected_revenue, coalesce(rollup.revenue, 0)::text as actual_revenue
    from raw
    full join rollup on raw.day = rollup.day and raw.plan_id = rollup.plan_id
      and coalesce(raw.method::text, '') = rollup.method::text and raw.currency = rollup.currency
      and raw.channel = rollup.channel and coalesce(raw.sold_by, 0) = coalesce(rollup.sold_by, 0)
      and raw.card_state = rollup.card_state
    where raw.renewals is distinct from rollup.renewals or raw.revenue is distinct from rollup.revenue
    order by 1, 2, 3, 4, 5, 6, 7`);
  return [...rows].map((r) => ({
    day: r.day,
    planId: r.plan_id,
    method: r.method,
    currency: r.currency,
    channel: r.channel,
    soldBy: r.sold_by,
    cardState: r.card_state,
    expectedRenewals: r.expected_renewals,
    actualRenewals: r.actual_renewals,
    expectedRevenueMinor: Number(r.expected_revenue),
    actualRevenueMinor: Number(r.actual_revenue),
  }));
}

export interface GrainDifference {
  table: string;
  key: Record<string, string | number | null>;
  expectedRenewals: number;
  actualRenewals: number;
  expectedRevenueMinor: number | null;
  actualRevenueMinor: number | null;
}

/** The chart-grain rollups and the raw columns each is grouped by (constants, never input). */
const grains = [
  { table: "renewal_day_plan", keys: ["day", "plan_id"], revenue: false },
  { table: "renewal_day_method", keys: ["day", "method"], revenue: false },
  { table: "renewal_day_agent", keys: ["day", "sold_by"], revenue: false },
  { table: "renewal_day_currency_state", keys: ["day", "currency", "card_state"], revenue: true },
] as const;

/**
 * Recomputes every chart-grain rollup (renewal_day_plan, _method, _agent,
 * _currency_state) from the raw renewals for the range, as compareRollup does
 * for the daily rollup, and returns every bucket that disagrees (slots summed).
 */
export async function compareGrainRollups(range: DayRange, db: DbOrTx): Promise<GrainDifference[]> {
  const differences: GrainDifference[] = [];
  for (const grain of grains) {
    const keys = sql.raw(grain.keys.join(", "));
    // As text with nulls as '' (no key value is ''): a full join needs a hashable equality.
    const on = sql.raw(
      grain.keys.map((k) => `coalesce(raw.${k}::text, '') = coalesce(rolled.${k}::text, '')`).join(" and "),
    );
    const keyJson = sql.raw(
      `json_build_object(${grain.keys.map((k) => `'${k}', coalesce(raw.${k}, rolled.${k})::text`).join(", ")})`,
    );
    const revenue = grain.revenue ? sql.raw("sum(revenue_minor)") : sql.raw("null::bigint");
    const rows = await db.execute<{
      key: Record<string, string | null>;
      expected_renewals: number;
      actual_renewals: number;
      expected_revenue: string | null;
      actual_revenue: string | null;
    }>(sql`
      with ${salesInRange(range)}, sales as (
        select r.day, pv.plan_id, p.method, r.currency, r.sold_by, r.card_state, r.price_minor
        from in_range r join plan_versions pv on pv.id = r.plan_version_id
        left join first_payment p on p.renewal_id = r.id
      ), raw as (
        select ${keys}, count(*)::int as renewals, ${grain.revenue ? sql.raw("sum(price_minor)::bigint") : sql.raw("null::bigint")} as revenue
        from sales group by ${keys}
      ), rolled as (
        select ${keys}, sum(renewals)::int as renewals, ${revenue} as revenue
        from ${sql.raw(grain.table)}
        where day between ${range.from}::date and ${range.to}::date
        group by ${keys}
        having sum(renewals) <> 0 ${grain.revenue ? sql.raw("or sum(revenue_minor) <> 0") : sql``}
      )
      select ${keyJson}::jsonb as key,
        coalesce(raw.renewals, 0) as expected_renewals, coalesce(rolled.renewals, 0) as actual_renewals,
        raw.revenue::text as expected_revenue, rolled.revenue::text as actual_revenue
      from raw full join rolled on ${on}
      where raw.renewals is distinct from rolled.renewals or raw.revenue is distinct from rolled.revenue
      order by 1`);
    for (const r of rows)
      differences.push({
        table: grain.table,
        key: r.key,
        expectedRenewals: r.expected_renewals,
        actualRenewals: r.actual_renewals,
        expectedRevenueMinor: r.expected_revenue === null ? null : Number(r.expected_revenue),
        actualRevenueMinor: r.actual_revenue === null ? null : Number(r.actual_revenue),
      });
  }
  return differences;
}
