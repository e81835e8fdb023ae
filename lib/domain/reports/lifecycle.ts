import type { Currency } from "@/lib/domain/enums";
import type { ReportRange } from "@/lib/domain/reports/range";
import { denseSeries, type ChartSeries, type DenseSeries } from "@/lib/domain/reports/series";
import type { DailyRevenue } from "./model";

/** Card lifecycle steps the reports count per Hong Kong day, apart from renewals. */
export const lifecycleCounts = ["suspensions", "lifts", "replacements"] as const;
export type LifecycleCount = (typeof lifecycleCounts)[number];

export interface DailyLifecycle {
  day: string;
  kind: LifecycleCount;
  count: number;
}

/** Replacement fees taken per Hong Kong day and currency, in minor units. */
export type DailyFees = DailyRevenue;

/**
 * The outcomes chart's series plus one per lifecycle step: renewals and
 * lifecycle steps are separate series, never summed into one another.
 */
export function withLifecycleSeries(
  range: Pick<ReportRange, "from" | "to" | "granularity">,
  outcomes: DenseSeries<ChartSeries>,
  rows: DailyLifecycle[],
  labels: Record<LifecycleCount, string>,
): DenseSeries<ChartSeries> {
  const colors: Record<LifecycleCount, number> = { suspensions: 1, lifts: 4, replacements: 6 };
  const keys = lifecycleCounts.map((kind) => ({ key: kind, label: labels[kind], color: colors[kind] }));
  const extra = denseSeries(
    range,
    range.granularity,
    rows.map((r) => ({ day: r.day, key: r.kind, value: r.count })),
    keys,
  );
  return { ...outcomes, series: [...outcomes.series, ...extra.series] };
}

/** Revenue plus a line per currency for replacement fees, labelled as fees (never added to renewal revenue). */
export function withFeeSeries(
  range: Pick<ReportRange, "from" | "to" | "granularity">,
  revenue: DenseSeries<ChartSeries>,
  fees: DailyFees[],
  labels: Record<Currency, string>,
): DenseSeries<ChartSeries> {
  const keys = (["HKD", "CNY"] as const).map((currency, i) => ({
    key: `fee_${currency}`,
    label: labels[currency],
    currency,
    color: i === 0 ? 2 : 5,
  }));
  const extra = denseSeries(
    range,
    range.granularity,
    fees.map((r) => ({ day: r.day, key: `fee_${r.currency}`, value: r.revenueMinor })),
    keys,
  );
  return { ...revenue, series: [...revenue.series, ...extra.series] };
}
