import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { readDb as defaultDb, type DbOrTx } from "@/db";
import { ForbiddenError } from "../errors";
import { cardValidityEnds, plans, staff } from "../schema";
import { may, type Role } from "@/lib/domain/permissions";
import { EXPIRATION_DAYS, SELF_SERVICE_KEY, type VolumeDimension } from "@/lib/domain/reports/model";
import type { Currency } from "@/lib/domain/enums";
import { monthCover, type DayRange, type Granularity } from "@/lib/domain/reports/range";
import { addDays, DAY_MS, hkDay, hkEndOfDay, hkStartOfDay } from "@/lib/domain/time";

/** Who is asking: revenue figures need `may.seeRevenue`. */
export interface Viewer {
  role: Role;
}

/** A stretch of the report's days, and whether its whole months may be read from month rows. */
interface Part {
  range: DayRange;
  months: boolean;
}

/** Month rows only where a chart sums days into months anyway: the page's month granularity. */
type ChartRange = DayRange & { granularity?: Granularity };
const partOf = (range: ChartRange): Part => ({ range, months: range.granularity === "month" });

/**
 * Where-clauses that pick the day rows and the month rows covering `parts`:
 * whole calendar months from the month table, the days around them from the day table.
 */
function cover(parts: Part[]) {
  const days: DayRange[] = [];
  const months: DayRange[] = [];
  for (const part of parts) {
    if (!part.months) {
      days.push(part.range);
      continue;
    }
    const cut = monthCover(part.range);
    days.push(...cut.days);
    if (cut.months) months.push(cut.months);
  }
  const within = (column: string, spans: DayRange[]) =>
    spans.length === 0
      ? sql`false`
      : sql.join(
          spans.map((s) => sql`${sql.raw(column)} between ${s.from}::date and ${s.to}::date`),
          sql` or `,
        );
  return { days: within("day", days), months: within("month", months) };
}

/** The day and month rollup of each volume dimension, and its key (constants, never input). */
const volumeGrains = {
  plan: { day: "renewal_day_plan", month: "renewal_month_plan", key: sql`plan_id::text` },
  method: { day: "renewal_day_method", month: "renewal_month_method", key: sql`method::text` },
  agent: {
    day: "renewal_day_agent",
    month: "renewal_month_agent",
    key: sql`coalesce(sold_by::text, ${SELF_SERVICE_KEY})`,
  },
} as const;

/**
 * Renewals per Hong Kong day (or, for a chart by month, per whole month,
 * dated its first day), split by plan, payment method or selling agent,
 * read from the rollups at that chart's own grain (voided renewals are not in
 * them); slots of one bucket are summed.
 */
export async function listRenewalVolume(range: ChartRange, by: VolumeDimension, db: DbOrTx = defaultDb) {
  const grain = volumeGrains[by];
  const where = cover([partOf(range)]);
  const rows = await db.execute<{ day: string; key: string; renewals: number }>(sql`
    select day::text as day, key, sum(renewals)::int as renewals from (
      select day, ${grain.key} as key, renewals from ${sql.raw(grain.day)} where ${where.days}
      union all
      select month, ${grain.key}, renewals from ${sql.raw(grain.month)} where ${where.months}
    ) rows
    group by 1, 2
    having sum(renewals) <> 0`);
  return [...rows];
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

/**
 * Renewals per day (or whole month) of `parts`, currency and card state, from
 * the day and month rollups; with `revenue`, the takings too (otherwise 0, never read).
 */
async function readCurrencyState(parts: Part[], revenue: boolean, db: DbOrTx) {
  const where = cover(parts);
  const money = revenue ? sql`sum(revenue_minor)::float8` : sql`0::float8`;
  const rows = await db.execute<{
    day: string;
    currency: Currency;
    card_state: "active" | "grace";
    renewals: number;
    revenue_minor: number;
  }>(sql`
    select day::text as day, currency, card_state, sum(renewals)::int as renewals,
      -- A day's or a month's takings in one currency fit a double exactly (far below 2^53 minor units).
      ${money} as revenue_minor
    from (
      select day, currency, card_state, renewals, revenue_minor from renewal_day_currency_state where ${where.days}
      union all
      select month, currency, card_state, renewals, revenue_minor from renewal_month_currency_state where ${where.months}
    ) rows
    group by 1, 2, 3
    having sum(renewals) <> 0`);
  return rows.map((r) => ({
    day: r.day,
    currency: r.currency,
    cardState: r.card_state,
    renewals: r.renewals,
    revenueMinor: r.revenue_minor,
  }));
}

/** Per day and card state, the currencies summed (counts only: no money). */
function withoutMoney(rows: Awaited<ReturnType<typeof readCurrencyState>>) {
  const byDayState = new Map<string, { day: string; cardState: "active" | "grace"; renewals: number }>();
  for (const r of rows) {
    const key = `${r.day}|${r.cardState}`;
    const row = byDayState.get(key) ?? { day: r.day, cardState: r.cardState, renewals: 0 };
    row.renewals += r.renewals;
    byDayState.set(key, row);
  }
  return [...byDayState.values()];
}

/** Renewals per Hong Kong day (or whole month, by month) and card state at purchase (active = before expiry, grace = after). No money. */
export async function listDailyRenewals(range: ChartRange, db: DbOrTx = defaultDb) {
  return withoutMoney(await readCurrencyState([partOf(range)], false, db));
}

/**
 * Renewals and revenue per Hong Kong day (or whole month, by month), currency
 * and card state. Revenue is the price each renewal was sold at, per currency:
 * HKD and CNY are never summed together. Refused to agents here, not only hidden in the page.
 */
export async function listDailyRevenue(range: ChartRange, viewer: Viewer, db: DbOrTx = defaultDb) {
  if (!may.seeRevenue(viewer)) throw new ForbiddenError("forbidden");
  return readCurrencyState([partOf(range)], true, db);
}

/**
 * Cards whose grace window closed without a renewal, per Hong Kong day it
 * closed (validity end + grace days), for days in the range that are already
 * over by `now`. A card renewed in grace has a later validity end, so it is
 * not here. Read from card_validity_ends (cards per validity end, kept by a
 * trigger on cards): a few rows per day, however many cards.
 */
export async function listLapsedCards(
  range: DayRange,
  options: { now: Date; graceDays: number },
  db: DbOrTx = defaultDb,
) {
  const grace = options.graceDays * DAY_MS;
  const lowest = new Date(hkStartOfDay(range.from).getTime() - grace);
  const highest = new Date(Math.min(hkStartOfDay(addDays(range.to, 1)).getTime(), options.now.getTime()) - grace);
  return cardsPerHkDay(db, lowest, highest, { shiftDays: options.graceDays });
}

/** Cards in their grace window right now (validity ended, not yet lapsed, not suspended), from card_validity_ends. */
export async function countCardsInGrace(options: { now: Date; graceDays: number }, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({ cards: sql<number>`coalesce(sum(${cardValidityEnds.cards}), 0)::int` })
    .from(cardValidityEnds)
    .where(
      and(
        eq(cardValidityEnds.suspended, false),
        gte(cardValidityEnds.validityEnd, new Date(options.now.getTime() - options.graceDays * DAY_MS)),
        lt(cardValidityEnds.validityEnd, options.now),
      ),
    );
  return row?.cards ?? 0;
}

/**
 * Validity ends in the `days` Hong Kong days starting today: "renewed" counts
 * renewals (not voided) that extend a card from an end on that day, so a
 * period is already queued behind it (renewal_previous_ends); "notYet" counts
 * cards whose validity still ends that day (card_validity_ends).
 */
export async function listExpirationsAhead(options: { now: Date; days: number }, db: DbOrTx = defaultDb) {
  const lastDay = hkEndOfDay(addDays(hkDay(options.now), options.days - 1));
  const [notYet, renewed] = await Promise.all([
    cardsPerHkDay(db, options.now, lastDay, { afterLowest: true }),
    db.execute<{ day: string; cards: number }>(sql`
      select (previous_validity_end at time zone 'Asia/Hong_Kong')::date::text as day, sum(renewals)::int as cards
      from renewal_previous_ends
      where previous_validity_end > ${options.now.toISOString()}::timestamptz
        and previous_validity_end <= ${lastDay.toISOString()}::timestamptz
      group by 1`),
  ]);
  return { notYet, renewed: [...renewed] };
}

/**
 * Cards per Hong Kong day of their validity end (shifted by whole days) for
 * ends from `lowest` (inclusive, or exclusive with `afterLowest`) to `highest`
 * (exclusive, or inclusive with `afterLowest`), suspended or not.
 */
async function cardsPerHkDay(
  db: DbOrTx,
  lowest: Date,
  highest: Date,
  options: { shiftDays?: number; afterLowest?: boolean },
) {
  const bounds = options.afterLowest
    ? sql`validity_end > ${lowest.toISOString()}::timestamptz and validity_end <= ${highest.toISOString()}::timestamptz`
    : sql`validity_end >= ${lowest.toISOString()}::timestamptz and validity_end < ${highest.toISOString()}::timestamptz`;
  const rows = await db.execute<{ day: string; cards: number }>(sql`
    select ((validity_end + make_interval(days => ${options.shiftDays ?? 0})) at time zone 'Asia/Hong_Kong')::date::text as day,
      sum(cards)::int as cards
    from card_validity_ends where ${bounds}
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
  params: { range: ChartRange; previous: DayRange; by: VolumeDimension; now: Date; graceDays: number },
  viewer: Viewer,
  db: DbOrTx = defaultDb,
) {
  const both = { from: params.previous.from, to: params.range.to };
  const withRevenue = may.seeRevenue(viewer);
  // The previous range only feeds the headline's totals: its whole months always come from month rows.
  const [volume, daily, lapsed, inGrace, expirations] = await Promise.all([
    listRenewalVolume(params.range, params.by, db),
    readCurrencyState([{ range: params.previous, months: true }, partOf(params.range)], withRevenue, db),
    listLapsedCards(both, params, db),
    countCardsInGrace(params, db),
    listExpirationsAhead({ now: params.now, days: EXPIRATION_DAYS }, db),
  ]);
  const labels = await listVolumeLabels(params.by, [...new Set(volume.map((r) => r.key))], db);
  return {
    volume,
    volumeLabels: labels,
    daily: withoutMoney(daily),
    revenue: withRevenue
      ? daily.map((r) => ({
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
