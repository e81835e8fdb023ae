import { intlLocaleOf, type Locale } from "./format";

import type { Currency } from "./enums";

export type { Currency };

const symbols: Record<Currency, string> = { HKD: "HK$", CNY: "CN¥" };

/** Money is integer minor units with a currency; both currencies have 2 decimals. */
export function formatMoney(minor: number, currency: Currency, locale: Locale = "en"): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  const grouped = new Intl.NumberFormat(intlLocaleOf(locale), { useGrouping: true }).format(major);
  return `${sign}${symbols[currency]}${grouped}.${cents}`;
}

/**
 * Parses a decimal amount typed by a person ("98", "98.5", "1,288.00") into
 * minor units. Refuses more than two decimals, exponents, signs and NaN.
 */
export function parseMoney(input: string): number | null {
  const cleaned = input.trim().replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Minor units as a plain decimal in major units ("-1288.50"), by integer arithmetic: for exports, never a float. */
export function minorToMajor(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new Error("minorToMajor: not an integer");
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
