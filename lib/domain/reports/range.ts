import { addDays, DAY_MS } from "@/lib/domain/time";

export const rangePresets = ["7d", "30d", "90d", "12m", "custom"] as const;
export type RangePreset = (typeof rangePresets)[number];

export const granularities = ["day", "week", "month"] as const;
export type Granularity = (typeof granularities)[number];

/** Longest custom range: enough for "three years against the three before", short enough to stay a few thousand rollup days. */
export const MAX_RANGE_DAYS = 5 * 366;

/** Inclusive span of Hong Kong calendar days (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

export interface ReportRange extends DayRange {
  preset: RangePreset;
  granularity: Granularity;
  /** The same number of days immediately before `from`, for the headline comparison. */
  previous: DayRange;
  days: number;
  /** Set when a custom range could not be read and the default was used instead. */
  invalid?: "format" | "order" | "tooLong";
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: unknown): value is string {
  return (
    typeof value === "string" &&
    DAY_PATTERN.test(value) &&
    new Date(`${value}T00:00:00.000Z`).toISOString().startsWith(value)
  );
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** The granularity a range reads best at when the URL does not choose one. */
export function defaultGranularity(days: number): Granularity {
  if (days <= 45) return "day";
  if (days <= 200) return "week";
  return "month";
}

/**
 * Reads the report's range from URL parameters against today's Hong Kong day.
 * Presets end today; "12m" starts the day after the same date a year ago.
 * Anything unreadable falls back to the last 30 days, never to an error page.
 */
export function resolveRange(
  params: { range?: string; from?: string; to?: string; granularity?: string },
  today: string,
): ReportRange {
  let preset: RangePreset = (rangePresets as readonly string[]).includes(params.range ?? "")
    ? (params.range as RangePreset)
    : "30d";
  let from: string;
  let to = today;
  let invalid: ReportRange["invalid"];
  if (preset === "custom") {
    if (!isDay(params.from) || !isDay(params.to)) invalid = "format";
    else if (params.from > params.to) invalid = "order";
    else if (daysBetween(params.from, params.to) + 1 > MAX_RANGE_DAYS) invalid = "tooLong";
    if (invalid) preset = "30d";
    else {
      from = params.from!;
      to = params.to!;
    }
  }
  if (preset === "7d") from = addDays(today, -6);
  else if (preset === "30d") from = addDays(today, -29);
  else if (preset === "90d") from = addDays(today, -89);
  else if (preset === "12m") from = addDays(addMonths(today, -12), 1);
  const start = from!;
  const days = daysBetween(start, to) + 1;
  const granularity = (granularities as readonly string[]).includes(params.granularity ?? "")
    ? (params.granularity as Granularity)
    : defaultGranularity(days);
  return {
    preset,
    from: start,
    to,
    days,
    granularity,
    previous: { from: addDays(start, -days), to: addDays(start, -1) },
    ...(invalid ? { invalid } : {}),
  };
}

/** The first Hong Kong day of the bucket a day falls in: itself, its ISO week's Monday, or the 1st of its month. */
export function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === "day") return day;
  if (granularity === "month") return `${day.slice(0, 7)}-01`;
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Every bucket that overlaps the range, in order; the first and last may be partial. */
export function bucketsBetween(range: DayRange, granularity: Granularity): string[] {
  const buckets: string[] = [];
  let bucket = bucketStart(range.from, granularity);
  while (bucket <= range.to) {
    buckets.push(bucket);
    bucket =
      granularity === "day" ? addDays(bucket, 1) : granularity === "week" ? addDays(bucket, 7) : addMonths(bucket, 1);
  }
  return buckets;
}

/** Each bucket's first and last day inside the range (the first and last bucket may be partial). */
export function bucketSpans(range: DayRange, granularity: Granularity): DayRange[] {
  return bucketsBetween(range, granularity).map((bucket) => {
    const next =
      granularity === "day" ? addDays(bucket, 1) : granularity === "week" ? addDays(bucket, 7) : addMonths(bucket, 1);
    const last = addDays(next, -1);
    return { from: bucket < range.from ? range.from : bucket, to: last > range.to ? range.to : last };
  });
}

/**
 * What to call each bucket: in full for tables and tooltips (a week shows
 * its first and last day inside the range), and short for axis ticks (the
 * year is dropped when the whole range sits in one year).
 */
export function bucketLabels(
  range: DayRange,
  granularity: Granularity,
): { full: string[]; tick: string[]; years: string } {
  const spans = bucketSpans(range, granularity);
  const oneYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  const full = spans.map((span) => {
    const wholeMonth = span.from.endsWith("-01") && span.to === addDays(addMonths(span.from, 1), -1);
    if (granularity === "month" && wholeMonth) return span.from.slice(0, 7);
    return span.from === span.to ? span.from : `${span.from} – ${span.to}`;
  });
  // One tick format in every chart: YYYY-MM for months, MM-DD otherwise; the axis title names the years.
  const tick = spans.map((span) => (granularity === "month" ? span.from.slice(0, 7) : span.from.slice(5)));
  return { full, tick, years: oneYear ? range.from.slice(0, 4) : `${range.from.slice(0, 4)}–${range.to.slice(0, 4)}` };
}

/** Exports reach back three years (DOMAIN: any range up to three years); the leap days are allowed for. */
export const EXPORT_MAX_DAYS = 3 * 365 + 1;

/**
 * An export's inclusive Hong Kong days from its URL, or why not: unlike the
 * report page, a download never silently falls back to another range.
 */
export function readExportRange(params: {
  from?: string;
  to?: string;
}): { ok: true; range: DayRange } | { ok: false; invalid: "format" | "order" | "tooLong" } {
  if (!isDay(params.from) || !isDay(params.to)) return { ok: false, invalid: "format" };
  if (params.from > params.to) return { ok: false, invalid: "order" };
  if (daysBetween(params.from, params.to) + 1 > EXPORT_MAX_DAYS) return { ok: false, invalid: "tooLong" };
  return { ok: true, range: { from: params.from, to: params.to } };
}

/**
 * A range cut for the rollups: the calendar months it holds whole (as the
 * first day of the first and of the last such month, read from month rows)
 * and the days before and after them (read from day rows). Without whole
 * months, the whole range is days.
 */
export function monthCover(range: DayRange): { months: DayRange | null; days: DayRange[] } {
  const first = range.from.endsWith("-01") ? range.from : addMonths(`${range.from.slice(0, 7)}-01`, 1);
  const afterLast = addMonths(`${range.to.slice(0, 7)}-01`, 1);
  const last = addDays(afterLast, -1) === range.to ? `${range.to.slice(0, 7)}-01` : addMonths(afterLast, -2);
  if (first > last) return { months: null, days: [range] };
  const days: DayRange[] = [];
  if (range.from < first) days.push({ from: range.from, to: addDays(first, -1) });
  const end = addDays(addMonths(last, 1), -1);
  if (end < range.to) days.push({ from: addDays(end, 1), to: range.to });
  return { months: { from: first, to: last }, days };
}
