import { locales, type Locale } from "@/lib/domain/enums";

export { locales, type Locale };
export const defaultLocale: Locale = "en";
export const LOCALE_COOKIE = "locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

// Regions that write Traditional Chinese; a script subtag (zh-Hant-HK, zh-Hans-HK) always wins over the region.
const TRADITIONAL_REGIONS = new Set(["hk", "tw", "mo"]);

/** 繁體 or 简体 for one Chinese language tag (zh, zh-HK, zh-Hant, zh-Hans-HK, …). */
export function chineseScriptOf(tag: string): "zh-Hant" | "zh-Hans" {
  const subtags = tag.toLowerCase().split(/[-_]/).slice(1);
  if (subtags.includes("hant")) return "zh-Hant";
  if (subtags.includes("hans")) return "zh-Hans";
  return subtags.some((s) => TRADITIONAL_REGIONS.has(s)) ? "zh-Hant" : "zh-Hans";
}

/** The cookie wins; otherwise the browser's preferences by weight: Chinese (繁體 for HK, TW, MO) or English. */
export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  const tags = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";").map((s) => s.trim());
      const q = params.find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((t) => t.tag && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of tags) {
    if (tag === "zh" || tag.startsWith("zh-") || tag.startsWith("zh_")) return chineseScriptOf(tag);
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return defaultLocale;
}
