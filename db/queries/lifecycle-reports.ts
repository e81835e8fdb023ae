import { sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { ForbiddenError } from "@/db/errors";
import type { Currency } from "@/lib/domain/enums";
import { may, type Role } from "@/lib/domain/permissions";
import type { DailyFees, DailyLifecycle, LifecycleCount } from "@/lib/domain/reports/lifecycle";
import type { DayRange } from "@/lib/domain/reports/range";
import { addDays, hkStartOfDay } from "@/lib/domain/time";

/**
 * Suspensions, lifts and SIM replacements per Hong Kong day, counted apart
 * from renewals: range scans on card_suspensions_suspended_at,
 * card_suspensions_lifted_at and card_successions_created_at. A lift that
 * ended a suspension because the SIM was replaced is counted as the
 * replacement, not as a lift.
 */
export async function listDailyLifecycle(range: DayRange, db: DbOrTx = defaultDb): Promise<DailyLifecycle[]> {
  const from = hkStartOfDay(range.from).toISOString();
  const to = hkStartOfDay(addDays(range.to, 1)).toISOString();
  const rows = await db.execute<{ day: string; kind: LifecycleCount; count: number }>(sql`
    select (at at time zone 'Asia/Hong_Kong')::date::text as day, kind, count(*)::int as count from (
      select suspended_at as at, 'suspensions' as kind from card_suspensions
        where suspended_at >= ${from}::timestamptz and suspended_at < ${to}::timestamptz
      union all
      select lifted_at, 'lifts' from card_suspensions
        where lifted_at >= ${from}::timestamptz and lifted_at < ${to}::timestamptz and ended_by_replacement_id is null
      union all
      select created_at, 'replacements' from card_successions
        where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz and kind = 'replacement'
    ) steps
    group by 1, 2`);
  return [...rows];
}

/**
 * Replacement fees taken per Hong Kong day and currency (payments of purpose
 * replacement_fee), from replacement_fee_day (kept by a trigger on payments);
 * supervisors only.
 */
export async function listDailyReplacementFees(
  range: DayRange,
  viewer: { role: Role },
  db: DbOrTx = defaultDb,
): Promise<DailyFees[]> {
  if (!may.seeRevenue(viewer)) throw new ForbiddenError("forbidden");
  const rows = await db.execute<{ day: string; currency: Currency; revenue_minor: number }>(sql`
    select day::text as day, currency, sum(amount_minor)::float8 as revenue_minor
    from replacement_fee_day
    where day between ${range.from}::date and ${range.to}::date
    group by 1, 2
    having sum(payments) <> 0`);
  return rows.map((r) => ({ day: r.day, currency: r.currency, revenueMinor: Number(r.revenue_minor) }));
}
