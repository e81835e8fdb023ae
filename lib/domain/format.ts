import type { Locale } from "@/lib/domain/enums";
import { HK_TIME_ZONE } from "@/lib/domain/time";

export type { Locale };

const intlLocale: Record<Locale, string> = { en: "en-HK", "zh-Hans": "zh-CN", "zh-Hant": "zh-HK" };

/** The Intl locale that formats numbers and dates for a UI language. */
export function intlLocaleOf(locale: Locale): string {
  return intlLocale[locale] ?? "en-HK";
}

function parts(instant: Date, withSeconds: boolean) {
  const formatter = new Intl.DateTimeFormat("en-CA", {
    timeZone: HK_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: withSeconds ? "2-digit" : undefined,
    hourCycle: "h23",
  });
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    formatter.formatToParts(instant).find((p) => p.type === type)?.value ?? "";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: withSeconds ? `${get("hour")}:${get("minute")}:${get("second")}` : `${get("hour")}:${get("minute")}`,
  };
}

const zoneName: Record<Locale, string> = { en: "HKT", "zh-Hans": "香港时间", "zh-Hant": "香港時間" };

/**
 * "2026-12-24 23:59 HKT" (in Chinese "2026-12-24 23:59 香港時間", as the SMS
 * says it): unambiguous in every language and sortable by eye.
 */
export function formatHkt(
  instant: Date,
  options: { seconds?: boolean; dateOnly?: boolean; locale?: Locale } = {},
): string {
  const p = parts(instant, options.seconds ?? false);
  return options.dateOnly ? p.date : `${p.date} ${p.time} ${zoneName[options.locale ?? "en"] ?? "HKT"}`;
}

/** "2026-12-24 15:59:59 UTC", shown on hover next to every Hong Kong time. */
export function formatUtc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale[locale]).format(value);
}

/** Data sizes are stored in MB; 1 GB = 1024 MB. */
export function formatDataMb(mb: number, locale: Locale): string {
  if (mb >= 1024) {
    const gb = mb / 1024;
    return `${new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 1 }).format(gb)} GB`;
  }
  return `${formatNumber(mb, locale)} MB`;
}
