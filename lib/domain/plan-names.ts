import type { Locale } from "./format";

/** A plan's names: English, 简体, and 繁體 (older rows and messages may lack it). */
export interface PlanNames {
  en: string;
  zh: string;
  zhHant?: string | null;
}

/** A plan's name in a UI or customer language: English, 简体 or 繁體 (falling back to 简体 where no 繁體 name was read). */
export function localizedName(locale: Locale | string, names: PlanNames): string {
  if (locale === "en") return names.en;
  if (locale === "zh-Hant") return names.zhHant || names.zh;
  return names.zh;
}
