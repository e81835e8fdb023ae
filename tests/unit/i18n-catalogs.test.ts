import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

const dir = path.join(import.meta.dirname, "../../lib/i18n/messages");

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object")
    for (const [key, child] of Object.entries(value))
      for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  return out;
}

function catalog(locale: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of readdirSync(path.join(dir, locale)).sort()) {
    const ns = file.replace(/\.json$/, "");
    for (const [k, v] of leaves(JSON.parse(readFileSync(path.join(dir, locale, file), "utf8")), ns)) all.set(k, v);
  }
  return all;
}

/** ICU arguments ({name}, {count, plural, …}, {purpose, select, …}) a message uses, by name, from the real parser. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if ("value" in element && element.type !== TYPE.literal) names.add(element.value);
      if ("options" in element)
        for (const option of Object.values(element.options)) walk((option as { value: MessageFormatElement[] }).value);
      if ("children" in element) walk(element.children);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...names].sort();
}

describe("message catalogs", () => {
  const en = catalog("en");

  it.each(locales.filter((l) => l !== "en"))("%s has exactly the keys of en", (locale) => {
    const other = catalog(locale);
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(locales.filter((l) => l !== "en"))("%s uses the same placeholders as en in every message", (locale) => {
    const other = catalog(locale);
    const mismatched = [...en].filter(
      ([key, text]) => placeholders(other.get(key) ?? "").join() !== placeholders(text).join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it("writes zh-Hant in Traditional characters, never the Simplified forms of the common ones", () => {
    const simplifiedOnly = /[们这个为时间说对发话开关门页员户单设输扫码续费简体]/u;
    const leaks = [...catalog("zh-Hant")].filter(([, text]) => simplifiedOnly.test(text.replace(/简体中文/g, "")));
    expect(leaks).toEqual([]);
  });
});
