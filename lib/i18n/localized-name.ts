import type { Locale } from "@/lib/domain/format";

/** A plan's name in the UI language: English, 简体 or 繁體 (falling back to 简体 where no 繁體 name was read). */
export function localizedName(
  locale: Locale | string,
  names: { en: string; zh: string; zhHant?: string | null },
): string {
  if (locale === "en") return names.en;
  if (locale === "zh-Hant") return names.zhHant || names.zh;
  return names.zh;
}
