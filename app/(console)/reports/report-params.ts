import { volumeDimensions, type VolumeDimension } from "@/lib/domain/reports/model";
import { granularities, rangePresets, resolveRange, type ReportRange } from "@/lib/domain/reports/range";
import { hkDay } from "@/lib/domain/time";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The report's state as it appears in the URL; links change one part and keep the rest. */
export interface ReportQuery {
  range?: string;
  from?: string;
  to?: string;
  granularity?: string;
  by?: string;
}

/** A search parameter given twice counts once: the first. */
export const firstParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function readReportParams(
  search: SearchParams,
  now: Date,
): { range: ReportRange; by: VolumeDimension; query: ReportQuery } {
  const raw = {
    range: firstParam(search.range),
    from: firstParam(search.from),
    to: firstParam(search.to),
    granularity: firstParam(search.granularity),
  };
  const range = resolveRange(raw, hkDay(now));
  const by = (volumeDimensions as readonly string[]).includes(firstParam(search.by) ?? "")
    ? (firstParam(search.by) as VolumeDimension)
    : "plan";
  // Only what the reader chose explicitly travels on: a preset's default granularity follows the preset.
  const query: ReportQuery = {
    range: (rangePresets as readonly string[]).includes(raw.range ?? "") ? range.preset : undefined,
    ...(range.preset === "custom" ? { from: range.from, to: range.to } : {}),
    granularity: (granularities as readonly string[]).includes(raw.granularity ?? "") ? range.granularity : undefined,
    by: by === "plan" ? undefined : by,
  };
  return { range, by, query };
}

export function reportHref(path: string, query: ReportQuery, change: ReportQuery = {}): string {
  const merged = { ...query, ...change };
  if (merged.range !== "custom") {
    delete merged.from;
    delete merged.to;
  }
  const params = new URLSearchParams();
  for (const key of ["range", "from", "to", "granularity", "by"] as const) {
    const value = merged[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
