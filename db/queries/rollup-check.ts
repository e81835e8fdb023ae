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
        (r.created_at at time zone 'Asia/Hong_Kong')::date as day,
        date_trunc('month', (r.created_at at time zone 'Asia/Hong_Kong')::date)::date as month
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

/** The chart-grain rollups and the raw columns each is grouped by (constants, never input); the first key is the period. */
const grains = [
  { table: "renewal_day_plan", keys: ["day", "plan_id"], revenue: false },
  { table: "renewal_day_method", keys: ["day", "method"], revenue: false },
  { table: "renewal_day_agent", keys: ["day", "sold_by"], revenue: false },
  { table: "renewal_day_currency_state", keys: ["day", "currency", "card_state"], revenue: true },
  { table: "renewal_month_plan", keys: ["month", "plan_id"], revenue: false },
  { table: "renewal_month_method", keys: ["month", "method"], revenue: false },
  { table: "renewal_month_agent", keys: ["month", "sold_by"], revenue: false },
  { table: "renewal_month_currency_state", keys: ["month", "currency", "card_state"], revenue: true },
] as const;

/** The range widened to the whole calendar months it touches: a month row is checked against its whole month. */
export function wholeMonths(range: DayRange): DayRange {
  const [y, m] = range.to.split("-").map(Number) as [number, number];
  return { from: `${range.from.slice(0, 7)}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/**
 * Recomputes every chart-grain rollup (renewal_day_plan, _method, _agent,
 * _currency_state, and the renewal_month_ tables for the months the range
 * touches, in whole) from the raw renewals, as compareRollup does for the
 * daily rollup, and returns every bucket that disagrees (slots summed).
 */
export async function compareGrainRollups(dayRange: DayRange, db: DbOrTx): Promise<GrainDifference[]> {
  const differences: GrainDifference[] = [];
  for (const grain of grains) {
    const range = grain.keys[0] === "month" ? wholeMonths(dayRange) : dayRange;
    const keys = sql.raw(grain.keys.join(", "));
    const rows = await disagreements(db, grain.keys, {
      prelude: sql`${salesInRange(range)}, sales as (
        select r.day, r.month, pv.plan_id, p.method, r.currency, r.sold_by, r.card_state, r.price_minor
        from in_range r join plan_versions pv on pv.id = r.plan_version_id
        left join first_payment p on p.renewal_id = r.id
      )`,
      raw: sql`select ${keys}, count(*)::int as n, ${sql.raw(grain.revenue ? "sum(price_minor)::bigint" : "null::bigint")} as amount
        from sales group by ${keys}`,
      rolled: sql`select ${keys}, sum(renewals)::int as n, ${sql.raw(grain.revenue ? "sum(revenue_minor)" : "null::bigint")} as amount
        from ${sql.raw(grain.table)}
        where ${sql.raw(grain.keys[0])} between ${range.from}::date and ${range.to}::date
        group by ${keys}
        having sum(renewals) <> 0 ${sql.raw(grain.revenue ? "or sum(revenue_minor) <> 0" : "")}`,
    });
    for (const r of rows)
      differences.push({
        table: grain.table,
        key: r.key,
        expectedRenewals: r.expected,
        actualRenewals: r.actual,
        expectedRevenueMinor: r.expectedAmount,
        actualRevenueMinor: r.actualAmount,
      });
  }
  return differences;
}

/**
 * Every key where `rolled` disagrees with `raw`, in one statement (one
 * snapshot): both select `keys`, a count `n` and an `amount` (or null). Keys
 * are compared as text with nulls as '' (no key value is ''), since a full
 * join needs a hashable equality.
 */
async function disagreements(
  db: DbOrTx,
  keys: readonly string[],
  queries: { prelude?: SQL; raw: SQL; rolled: SQL },
): Promise<Omit<CountDifference, "table">[]> {
  const on = sql.raw(keys.map((k) => `coalesce(raw.${k}::text, '') = coalesce(rolled.${k}::text, '')`).join(" and "));
  const keyJson = sql.raw(
    `json_build_object(${keys.map((k) => `'${k}', coalesce(raw.${k}, rolled.${k})::text`).join(", ")})`,
  );
  const rows = await db.execute<{
    key: Record<string, string | null>;
    expected: number;
    actual: number;
    expected_amount: string | null;
    actual_amount: string | null;
  }>(sql`
    with ${queries.prelude ? sql`${queries.prelude},` : sql``} raw as (${queries.raw}), rolled as (${queries.rolled})
    select ${keyJson}::jsonb as key, coalesce(raw.n, 0) as expected, coalesce(rolled.n, 0) as actual,
      raw.amount::text as expected_amount, rolled.amount::text as actual_amount
    from raw full join rolled on ${on}
    where raw.n is distinct from rolled.n or raw.amount is distinct from rolled.amount
    order by 1`);
  return rows.map((r) => ({
    key: r.key,
    expected: r.expected,
    actual: r.actual,
    expectedAmount: r.expected_amount === null ? null : Number(r.expected_amount),
    actualAmount: r.actual_amount === null ? null : Number(r.actual_amount),
  }));
}

export interface CountDifference {
  table: string;
  key: Record<string, string | null>;
  expected: number;
  actual: number;
  /** Days granted (goodwill_day) or minor units (replacement_fee_day); null where the rollup has no amount. */
  expectedAmount: number | null;
  actualAmount: number | null;
}

/**
 * The rollups outside the renewal grains, each with the raw rows it stands
 * for (constants, never input): `n` a count, `amount` a sum or null. The two
 * validity-end rollups are checked whole (they are not by day of writing);
 * goodwill and fees for the range's Hong Kong days.
 */
function countRollups(range: DayRange) {
  const start = hkStartOfDay(range.from).toISOString();
  const end = hkStartOfDay(addDays(range.to, 1)).toISOString();
  const days = sql`day between ${range.from}::date and ${range.to}::date`;
  return [
    {
      table: "card_validity_ends",
      keys: ["validity_end", "suspended"],
      raw: sql`select validity_end, suspended_at is not null as suspended, count(*)::int as n, null::bigint as amount
        from cards group by 1, 2`,
      rolled: sql`select validity_end, suspended, sum(cards)::int as n, null::bigint as amount
        from card_validity_ends group by 1, 2 having sum(cards) <> 0`,
    },
    {
      table: "renewal_previous_ends",
      keys: ["previous_validity_end"],
      raw: sql`select previous_validity_end, count(*)::int as n, null::bigint as amount
        from renewals where status <> 'voided' group by 1`,
      rolled: sql`select previous_validity_end, sum(renewals)::int as n, null::bigint as amount
        from renewal_previous_ends group by 1 having sum(renewals) <> 0`,
    },
    {
      table: "goodwill_day",
      keys: ["day"],
      raw: sql`select (created_at at time zone 'Asia/Hong_Kong')::date as day, count(*)::int as n, sum(days)::bigint as amount
        from goodwill_extensions
        where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz group by 1`,
      rolled: sql`select day, sum(extensions)::int as n, sum(days)::bigint as amount
        from goodwill_day where ${days} group by 1 having sum(extensions) <> 0 or sum(days) <> 0`,
    },
    {
      table: "replacement_fee_day",
      keys: ["day", "currency"],
      raw: sql`select (received_at at time zone 'Asia/Hong_Kong')::date as day, currency, count(*)::int as n,
          sum(amount_minor)::bigint as amount
        from payments
        where purpose = 'replacement_fee' and received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz
        group by 1, 2`,
      rolled: sql`select day, currency, sum(payments)::int as n, sum(amount_minor)::bigint as amount
        from replacement_fee_day where ${days} group by 1, 2 having sum(payments) <> 0 or sum(amount_minor) <> 0`,
    },
  ];
}

/**
 * Recomputes card_validity_ends, renewal_previous_ends (whole), goodwill_day
 * and replacement_fee_day (the range's days) from their raw rows and returns
 * every key where a rollup disagrees (slots summed).
 */
export async function compareCountRollups(range: DayRange, db: DbOrTx): Promise<CountDifference[]> {
  const differences: CountDifference[] = [];
  for (const rollup of countRollups(range)) {
    const rows = await disagreements(db, rollup.keys, rollup);
    differences.push(...rows.map((r) => ({ table: rollup.table, ...r })));
  }
  return differences;
}
