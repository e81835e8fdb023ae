import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import {
  withFeeSeries,
  withLifecycleSeries,
  type DailyFees,
  type DailyLifecycle,
} from "@/lib/domain/reports/lifecycle";
import type { listExpirationsAhead, listRenewalVolume, listVolumeLabels } from "@/db/queries/reports";
import { toCsv, type CsvValue } from "@/lib/domain/reports/csv";
import {
  expirationSeries,
  outcomeSeries,
  revenueSeries,
  SELF_SERVICE_KEY,
  volumeSeries,
  type DailyRenewals,
  type DailyRevenue,
  EXPIRATION_DAYS,
  type DayCount,
  type VolumeDimension,
} from "@/lib/domain/reports/model";
import { bucketLabels, bucketSpans, type ReportRange } from "@/lib/domain/reports/range";
import type { ChartSeries, DenseSeries } from "@/lib/domain/reports/series";
import { addDays, hkDay } from "@/lib/domain/time";
import { localizedName } from "@/lib/domain/plan-names";

type Rows<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export const chartNames = ["volume", "revenue", "outcomes", "expirations"] as const;
export type ChartName = (typeof chartNames)[number];

/** A chart ready for the container and for CSV: series plus how to name each bucket. */
export interface ChartModel {
  dense: DenseSeries<ChartSeries>;
  spans: { from: string; to: string }[];
  bucketLabels: string[];
  tickLabels: string[];
  /** Daily charts name a bucket by its day; ranged ones by first and last day. */
  daily: boolean;
  granularity: "day" | "week" | "month";
  /** The years the buckets fall in ("2026" or "2025–2026"), for the axis title. */
  years: string;
  /** The bucket that holds today (Hong Kong), still filling up; null when the range is over. */
  partialIndex: number | null;
}

function partialIndexOf(spans: { from: string; to: string }[], now: Date): number | null {
  const today = hkDay(now);
  const index = spans.findIndex((span) => span.from <= today && today <= span.to);
  return index === -1 ? null : index;
}

function rangeModel(range: ReportRange, dense: DenseSeries<ChartSeries>, now = new Date()): ChartModel {
  const labels = bucketLabels(range, range.granularity);
  const spans = bucketSpans(range, range.granularity);
  return {
    dense,
    spans,
    bucketLabels: labels.full,
    tickLabels: labels.tick,
    daily: range.granularity === "day",
    granularity: range.granularity,
    years: labels.years,
    partialIndex: partialIndexOf(spans, now),
  };
}

export async function volumeChart(
  range: ReportRange,
  by: VolumeDimension,
  rows: Rows<typeof listRenewalVolume>,
  names: Rows<typeof listVolumeLabels>,
): Promise<ChartModel> {
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const nameOf = new Map(names.map((n) => [n.key, localizedName(locale, n)]));
  const labelOf = (key: string) => {
    if (by === "method") return t(`methods.${key}` as "methods.fps");
    if (by === "agent" && key === SELF_SERVICE_KEY) return t("selfService");
    return nameOf.get(key) ?? `#${key}`;
  };
  return rangeModel(range, volumeSeries(range, rows, labelOf));
}

export async function revenueChart(
  range: ReportRange,
  rows: DailyRevenue[],
  fees: DailyFees[] = [],
): Promise<ChartModel> {
  const t = await getTranslations("reports");
  const label = (currency: string) => t("charts.revenue.series", { currency });
  const fee = (currency: string) => t("charts.revenue.fees", { currency });
  const revenue = revenueSeries(range, rows, { HKD: label("HKD"), CNY: label("CNY") });
  return rangeModel(range, withFeeSeries(range, revenue, fees, { HKD: fee("HKD"), CNY: fee("CNY") }));
}

export async function outcomesChart(
  range: ReportRange,
  daily: DailyRenewals[],
  lapsed: DayCount[],
  lifecycle: DailyLifecycle[] = [],
): Promise<ChartModel> {
  const t = await getTranslations("reports.charts.outcomes");
  const outcomes = outcomeSeries(range, daily, lapsed, {
    renewedBefore: t("renewedBefore"),
    renewedInGrace: t("renewedInGrace"),
    lapsed: t("lapsed"),
  });
  return rangeModel(
    range,
    withLifecycleSeries(range, outcomes, lifecycle, {
      suspensions: t("suspensions"),
      lifts: t("lifts"),
      replacements: t("replacements"),
    }),
  );
}

export async function expirationsChart(now: Date, data: Rows<typeof listExpirationsAhead>): Promise<ChartModel> {
  const t = await getTranslations("reports.charts.expirations");
  const today = hkDay(now);
  const dense = expirationSeries(today, EXPIRATION_DAYS, data, { renewed: t("renewed"), notYet: t("notYet") });
  const range = { from: today, to: addDays(today, EXPIRATION_DAYS - 1) };
  const labels = bucketLabels(range, "day");
  // Days ahead are not partial: each bar counts validity ends already known.
  return {
    dense,
    spans: bucketSpans(range, "day"),
    bucketLabels: labels.full,
    tickLabels: labels.tick,
    daily: true,
    granularity: "day",
    years: labels.years,
    partialIndex: null,
  };
}

/** One row per bucket; money in major units (the header names the currency); counts get a total column. */
export async function chartCsv(model: ChartModel): Promise<string> {
  const t = await getTranslations("reports.chart");
  const money = model.dense.series.some((s) => s.currency);
  const header: CsvValue[] = [
    ...(model.daily ? [t("day")] : [t("from"), t("to")]),
    ...model.dense.series.map((s) => s.label),
    ...(money ? [] : [t("total")]),
  ];
  const rows = model.spans.map((span, i) => {
    const values = model.dense.series.map((s) => s.values[i]!);
    return [
      ...(model.daily ? [span.from] : [span.from, span.to]),
      ...(money ? values.map((v) => v / 100) : values),
      ...(money ? [] : [values.reduce((a, b) => a + b, 0)]),
    ];
  });
  return toCsv([header, ...rows]);
}
