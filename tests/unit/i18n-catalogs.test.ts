import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";

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

/** ICU placeholders ({name}, {count, plural, …}) a message uses, by name. */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]!))].sort();
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
