import { currencies, type Currency } from "@/lib/domain/enums";
import { addDays } from "@/lib/domain/time";
import type { DayRange, ReportRange } from "@/lib/domain/reports/range";
import { denseSeries, seriesTotal, type ChartSeries, type DenseSeries } from "@/lib/domain/reports/series";

export const volumeDimensions = ["plan", "method", "agent"] as const;
export type VolumeDimension = (typeof volumeDimensions)[number];

/** The key of a self-service renewal in the "by agent" dimension (no staff member sold it). */
export const SELF_SERVICE_KEY = "self_service";

/** How far ahead the expirations chart looks, in Hong Kong days from today. */
export const EXPIRATION_DAYS = 90;

export interface DailyRenewals {
  day: string;
  cardState: "active" | "grace";
  renewals: number;
}
export interface DailyRevenue {
  day: string;
  currency: Currency;
  revenueMinor: number;
}
export interface DayCount {
  day: string;
  cards: number;
}

const inRange = (day: string, range: DayRange) => day >= range.from && day <= range.to;

/** Renewals stacked by plan, method or agent; the biggest series first so they keep the first colours. */
export function volumeSeries(
  range: ReportRange,
  rows: { day: string; key: string; renewals: number }[],
  labelOf: (key: string) => string,
): DenseSeries<ChartSeries> {
  const keys = [...new Set(rows.map((r) => r.key))].map((key) => ({ key, label: labelOf(key) }));
  const dense = denseSeries(
    range,
    range.granularity,
    rows.map((r) => ({ day: r.day, key: r.key, value: r.renewals })),
    keys,
  );
  dense.series.sort((a, b) => seriesTotal(b) - seriesTotal(a) || a.label.localeCompare(b.label));
  return dense;
}

/** One line per currency, always both, in minor units. */
export function revenueSeries(
  range: ReportRange,
  rows: DailyRevenue[],
  labels: Record<Currency, string>,
): DenseSeries<ChartSeries> {
  const keys = currencies.map((currency, i) => ({
    key: currency,
    label: labels[currency],
    currency,
    color: i === 0 ? 1 : 4,
  }));
  return denseSeries(
    range,
    range.granularity,
    rows.map((r) => ({ day: r.day, key: r.currency, value: r.revenueMinor })),
    keys,
  );
}

export interface OutcomeLabels {
  renewedBefore: string;
  renewedInGrace: string;
  lapsed: string;
}

/** What happened to expiring cards, on the day it happened: renewed while active, renewed in grace, or lapsed when grace closed. */
export function outcomeSeries(
  range: ReportRange,
  daily: DailyRenewals[],
  lapsed: DayCount[],
  labels: OutcomeLabels,
): DenseSeries<ChartSeries> {
  const keys = [
    { key: "renewedBefore", label: labels.renewedBefore, color: 2 },
    { key: "renewedInGrace", label: labels.renewedInGrace, color: 3 },
    { key: "lapsed", label: labels.lapsed, color: 5 },
  ];
  const rows = [
    ...daily.map((r) => ({
      day: r.day,
      key: r.cardState === "active" ? "renewedBefore" : "renewedInGrace",
      value: r.renewals,
    })),
    ...lapsed.map((r) => ({ day: r.day, key: "lapsed", value: r.cards })),
  ];
  return denseSeries(range, range.granularity, rows, keys);
}

/** The next `days` Hong Kong days from today, one bar each: renewed already, and not yet. */
export function expirationSeries(
  today: string,
  days: number,
  data: { renewed: DayCount[]; notYet: DayCount[] },
  labels: { renewed: string; notYet: string },
): DenseSeries<ChartSeries> {
  const range = { from: today, to: addDays(today, days - 1) };
  const keys = [
    { key: "notYet", label: labels.notYet, color: 3 },
    { key: "renewed", label: labels.renewed, color: 2 },
  ];
  const rows = [
    ...data.notYet.map((r) => ({ day: r.day, key: "notYet", value: r.cards })),
    ...data.renewed.map((r) => ({ day: r.day, key: "renewed", value: r.cards })),
  ];
  return denseSeries(range, "day", rows, keys);
}

export interface Comparison {
  current: number;
  previous: number;
}

export interface Headline {
  renewals: Comparison;
  /** Per currency, never summed across; null for viewers who may not see revenue. */
  revenue: Record<Currency, Comparison> | null;
  lapsed: number;
  /** Renewals ÷ (renewals + cards that lapsed) in the range; null when neither happened. */
  renewalRate: number | null;
}

export function headline(
  range: ReportRange,
  daily: DailyRenewals[],
  revenue: DailyRevenue[] | null,
  lapsed: DayCount[],
): Headline {
  const compare = <T extends { day: string }>(rows: T[], value: (row: T) => number): Comparison => ({
    current: rows.filter((r) => inRange(r.day, range)).reduce((sum, r) => sum + value(r), 0),
    previous: rows.filter((r) => inRange(r.day, range.previous)).reduce((sum, r) => sum + value(r), 0),
  });
  const renewals = compare(daily, (r) => r.renewals);
  const lapsedNow = compare(lapsed, (r) => r.cards).current;
  const decided = renewals.current + lapsedNow;
  return {
    renewals,
    revenue: revenue
      ? {
          HKD: compare(
            revenue.filter((r) => r.currency === "HKD"),
            (r) => r.revenueMinor,
          ),
          CNY: compare(
            revenue.filter((r) => r.currency === "CNY"),
            (r) => r.revenueMinor,
          ),
        }
      : null,
    lapsed: lapsedNow,
    renewalRate: decided === 0 ? null : renewals.current / decided,
  };
}

/** Relative change against the previous range, or null when there is nothing to compare with. */
export function change(comparison: Comparison): number | null {
  return comparison.previous === 0 ? null : (comparison.current - comparison.previous) / comparison.previous;
}
