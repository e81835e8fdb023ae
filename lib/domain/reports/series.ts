import type { Currency } from "@/lib/domain/money";
import { bucketStart, bucketsBetween, type DayRange, type Granularity } from "@/lib/domain/reports/range";

export interface SeriesKey {
  key: string;
  label: string;
}

export interface Series extends SeriesKey {
  values: number[];
}

/** How a chart draws a series: `color` picks --color-chart-N; money series carry their currency (values in minor units). */
export interface ChartSeries extends Series {
  color?: number;
  currency?: Currency;
}

/** Column-oriented chart data: one value per bucket for every series, zeros where nothing happened. */
export interface DenseSeries<S extends Series = Series> {
  buckets: string[];
  series: S[];
}

export interface DayValue {
  /** Hong Kong calendar day, YYYY-MM-DD. */
  day: string;
  key: string;
  value: number;
}

/**
 * Sums per-day rows into the range's buckets and fills every empty bucket
 * with 0, so a quiet day is a zero on the chart rather than a missing point.
 * Days outside the range are ignored; a row whose key is not listed is a
 * caller bug.
 */
export function denseSeries<K extends SeriesKey>(
  range: DayRange,
  granularity: Granularity,
  rows: DayValue[],
  keys: K[],
): DenseSeries<K & Series> {
  const buckets = bucketsBetween(range, granularity);
  const bucketIndex = new Map(buckets.map((bucket, index) => [bucket, index]));
  const series = keys.map((k) => ({ ...k, values: buckets.map(() => 0) }));
  const byKey = new Map(series.map((s) => [s.key, s]));
  for (const row of rows) {
    const target = byKey.get(row.key);
    if (!target) throw new Error(`denseSeries: row for unlisted series ${row.key}`);
    if (row.day < range.from || row.day > range.to) continue;
    target.values[bucketIndex.get(bucketStart(row.day, granularity))!]! += row.value;
  }
  return { buckets, series };
}

export function seriesTotal(series: Series): number {
  return series.values.reduce((sum, value) => sum + value, 0);
}

export const OTHER_SERIES_KEY = "__other";

/**
 * Keeps the `max - 1` largest series and sums the rest into one "other"
 * series, so a chart stays readable with fifty agents. Tables and CSV keep
 * every series; only the drawing folds.
 */
export function foldSeries<T extends Series>(series: T[], max: number, otherLabel: string): (T | Series)[] {
  if (series.length <= max) return series;
  const kept = new Set(
    [...series]
      .sort((a, b) => seriesTotal(b) - seriesTotal(a))
      .slice(0, max - 1)
      .map((s) => s.key),
  );
  const rest = series.filter((s) => !kept.has(s.key));
  const other: Series = {
    key: OTHER_SERIES_KEY,
    label: otherLabel,
    values: rest[0]!.values.map((_, i) => rest.reduce((sum, s) => sum + s.values[i]!, 0)),
  };
  return [...series.filter((s) => kept.has(s.key)), other];
}
