import { and, between, gt, gte, inArray, lt, lte, ne, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, AnyPgTable } from "drizzle-orm/pg-core";
import { readDb as defaultDb, type DbOrTx } from "@/db";
import { ForbiddenError } from "../errors";
import {
  cards,
  plans,
  renewalDayAgent,
  renewalDayCurrencyState,
  renewalDayMethod,
  renewalDayPlan,
  renewals,
  staff,
} from "../schema";
import { may, type Role } from "@/lib/domain/permissions";
import { EXPIRATION_DAYS, SELF_SERVICE_KEY, type VolumeDimension } from "@/lib/domain/reports/model";
import type { DayRange } from "@/lib/domain/reports/range";
import { addDays, DAY_MS, hkDay, hkEndOfDay, hkStartOfDay } from "@/lib/domain/time";

/** Who is asking: revenue figures need `may.seeRevenue`. */
export interface Viewer {
  role: Role;
}

/**
 * Renewals per Hong Kong day, split by plan, payment method or selling agent,
 * read from the rollup at that chart's own grain (voided renewals are not in
 * it); slots of one bucket are summed.
 */
export async function listRenewalVolume(range: DayRange, by: VolumeDimension, db: DbOrTx = defaultDb) {
  const renewalsSum = (column: AnyPgColumn) => sql<number>`sum(${column})::int`;
  if (by === "plan")
    return db
      .select({
        day: renewalDayPlan.day,
        key: sql<string>`${renewalDayPlan.planId}::text`,
        renewals: renewalsSum(renewalDayPlan.renewals),
      })
      .from(renewalDayPlan)
      .where(between(renewalDayPlan.day, range.from, range.to))
      .groupBy(renewalDayPlan.day, renewalDayPlan.planId)
      .having(sql`sum(${renewalDayPlan.renewals}) <> 0`);
  if (by === "method")
    return db
      .select({
        day: renewalDayMethod.day,
        key: sql<string>`${renewalDayMethod.method}::text`,
        renewals: renewalsSum(renewalDayMethod.renewals),
      })
      .from(renewalDayMethod)
      .where(between(renewalDayMethod.day, range.from, range.to))
      .groupBy(renewalDayMethod.day, renewalDayMethod.method)
      .having(sql`sum(${renewalDayMethod.renewals}) <> 0`);
  return (
    db
      .select({
        day: renewalDayAgent.day,
        key: sql<string>`coalesce(${renewalDayAgent.soldBy}::text, ${SELF_SERVICE_KEY})`,
        renewals: renewalsSum(renewalDayAgent.renewals),
      })
      .from(renewalDayAgent)
      .where(between(renewalDayAgent.day, range.from, range.to))
      // By position: the key expression carries a parameter, so repeating it would not match.
      .groupBy(sql`1, 2`)
      .having(sql`sum(${renewalDayAgent.renewals}) <> 0`)
  );
}

/** Names for the keys listRenewalVolume returned: plan names in both languages, or staff names. */
export async function listVolumeLabels(by: VolumeDimension, keys: string[], db: DbOrTx = defaultDb) {
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  if (by === "method" || ids.length === 0) return [];
  if (by === "plan") {
    const rows = await db
      .select({ id: plans.id, nameEn: plans.nameEn, nameZh: plans.nameZh, nameZhHant: plans.nameZhHant })
      .from(plans)
      .where(inArray(plans.id, ids));
    return rows.map((r) => ({ key: String(r.id), en: r.nameEn, zh: r.nameZh, zhHant: r.nameZhHant }));
  }
  const rows = await db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, ids));
  return rows.map((r) => ({ key: String(r.id), en: r.name, zh: r.name, zhHant: r.name }));
}

/** Renewals per Hong Kong day and card state at purchase (active = before expiry, grace = after), from the day × currency × state rollup. No money. */
export async function listDailyRenewals(range: DayRange, db: DbOrTx = defaultDb) {
  return db
    .select({
      day: renewalDayCurrencyState.day,
      cardState: renewalDayCurrencyState.cardState,
      renewals: sql<number>`sum(${renewalDayCurrencyState.renewals})::int`,
    })
    .from(renewalDayCurrencyState)
    .where(between(renewalDayCurrencyState.day, range.from, range.to))
    .groupBy(renewalDayCurrencyState.day, renewalDayCurrencyState.cardState)
    .having(sql`sum(${renewalDayCurrencyState.renewals}) <> 0`);
}

/**
 * Renewals and revenue per Hong Kong day, currency and card state. Revenue
 * is the price each renewal was sold at, per currency: HKD and CNY are never
 * summed together. Refused to agents here, not only hidden in the page.
 */
export async function listDailyRevenue(range: DayRange, viewer: Viewer, db: DbOrTx = defaultDb) {
  if (!may.seeRevenue(viewer)) throw new ForbiddenError("forbidden");
  return db
    .select({
      day: renewalDayCurrencyState.day,
      currency: renewalDayCurrencyState.currency,
      cardState: renewalDayCurrencyState.cardState,
      renewals: sql<number>`sum(${renewalDayCurrencyState.renewals})::int`,
      // A day's takings in one currency fit a double exactly (far below 2^53 minor units).
      revenueMinor: sql<number>`sum(${renewalDayCurrencyState.revenueMinor})::float8`,
    })
    .from(renewalDayCurrencyState)
    .where(between(renewalDayCurrencyState.day, range.from, range.to))
    .groupBy(renewalDayCurrencyState.day, renewalDayCurrencyState.currency, renewalDayCurrencyState.cardState)
    .having(sql`sum(${renewalDayCurrencyState.renewals}) <> 0`);
}

/**
 * Cards whose grace window closed without a renewal, per Hong Kong day it
 * closed (validity end + grace days), for days in the range that are already
 * over by `now`. A card renewed in grace has a later validity end, so it is not here.
 */
export async function listLapsedCards(
  range: DayRange,
  options: { now: Date; graceDays: number },
  db: DbOrTx = defaultDb,
) {
  const grace = options.graceDays * DAY_MS;
  const lowest = new Date(hkStartOfDay(range.from).getTime() - grace);
  const highest = new Date(Math.min(hkStartOfDay(addDays(range.to, 1)).getTime(), options.now.getTime()) - grace);
  return countPerHkDay(
    db,
    cards,
    cards.validityEnd,
    and(gte(cards.validityEnd, lowest), lt(cards.validityEnd, highest))!,
    options.graceDays,
  );
}

/** Cards in their grace window right now (validity ended, not yet lapsed, not suspended). */
export async function countCardsInGrace(options: { now: Date; graceDays: number }, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({ cards: sql<number>`count(*)::int` })
    .from(cards)
    .where(
      and(
        sql`${cards.suspendedAt} is null`,
        gte(cards.validityEnd, new Date(options.now.getTime() - options.graceDays * DAY_MS)),
        lt(cards.validityEnd, options.now),
      ),
    );
  return row?.cards ?? 0;
}

/**
 * Validity ends in the `days` Hong Kong days starting today: "renewed" counts
 * renewals (not voided) that extend a card from an end on that day, so a
 * period is already queued behind it; "notYet" counts cards whose validity
 * still ends that day.
 */
export async function listExpirationsAhead(options: { now: Date; days: number }, db: DbOrTx = defaultDb) {
  const lastDay = hkEndOfDay(addDays(hkDay(options.now), options.days - 1));
  const [notYet, renewed] = await Promise.all([
    countPerHkDay(
      db,
      cards,
      cards.validityEnd,
      and(gt(cards.validityEnd, options.now), lte(cards.validityEnd, lastDay))!,
    ),
    countPerHkDay(
      db,
      renewals,
      renewals.previousValidityEnd,
      and(
        ne(renewals.status, "voided"),
        gt(renewals.previousValidityEnd, options.now),
        lte(renewals.previousValidityEnd, lastDay),
      )!,
    ),
  ]);
  return { notYet, renewed };
}

/**
 * Rows per Hong Kong day of an instant (shifted by whole days), counted per
 * instant first: validity ends all fall at 23:59:59 HKT, so a few hundred
 * distinct instants stand for hundreds of thousands of rows, read in index
 * order, and only those few are converted to days.
 */
async function countPerHkDay(db: DbOrTx, table: AnyPgTable, instant: AnyPgColumn, where: SQL, shiftDays = 0) {
  const rows = await db.execute<{ day: string; cards: number }>(sql`
    select ((at + make_interval(days => ${shiftDays})) at time zone 'Asia/Hong_Kong')::date::text as day, sum(n)::int as cards
    from (select ${instant} as at, count(*) as n from ${table} where ${where} group by 1) per_instant
    group by 1`);
  return [...rows];
}

/**
 * Everything the report page shows, read in parallel: volume by the chosen
 * dimension for the range; per-day renewals (and, for supervisors, revenue)
 * for the range and the one before it; lapsed cards; cards in grace; and
 * expirations ahead. Agents get `revenue: null`: the query
 * for it is never run on their behalf.
 */
export async function loadReport(
  params: { range: DayRange; previous: DayRange; by: VolumeDimension; now: Date; graceDays: number },
  viewer: Viewer,
  db: DbOrTx = defaultDb,
) {
  const both = { from: params.previous.from, to: params.range.to };
  const withRevenue = may.seeRevenue(viewer);
  const [volume, daily, lapsed, inGrace, expirations] = await Promise.all([
    listRenewalVolume(params.range, params.by, db),
    withRevenue ? listDailyRevenue(both, viewer, db) : listDailyRenewals(both, db),
    listLapsedCards(both, params, db),
    countCardsInGrace(params, db),
    listExpirationsAhead({ now: params.now, days: EXPIRATION_DAYS }, db),
  ]);
  const labels = await listVolumeLabels(params.by, [...new Set(volume.map((r) => r.key))], db);
  return {
    volume,
    volumeLabels: labels,
    daily: daily.map((r) => ({ day: r.day, cardState: r.cardState, renewals: r.renewals })),
    revenue: withRevenue
      ? (daily as Awaited<ReturnType<typeof listDailyRevenue>>).map((r) => ({
          day: r.day,
          currency: r.currency,
          revenueMinor: r.revenueMinor,
        }))
      : null,
    lapsed,
    inGrace,
    expirations,
  };
}
