import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { open, roles, storageState } from "./support";
import { englishLeftovers, messageKeys, roleDependentPages } from "./pages-support";

/**
 * Every page, every role that can open it, every language: one load each,
 * checked by axe-core (no serious or critical violation of WCAG 2.1 A/AA)
 * and, in Chinese, for English the catalog translates or a raw message key.
 * Agents walk every page they can open; supervisors and admins walk the
 * pages their role changes (see roleDependentPages), since the rest are
 * rendered the same for them. 繁體 is reached the way a Hong Kong agent's
 * browser reaches it: zh-HK.
 */
const languages = [
  { locale: "en", browser: "en-GB", cookie: "en" },
  { locale: "zh-Hans", browser: "zh-CN", cookie: "zh-Hans" },
  { locale: "zh-Hant", browser: "zh-HK", cookie: null },
] as const;

test.describe.configure({ mode: "parallel" });

async function axe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    // Violations only: axe skips collecting passes and incompletes, about twice as fast.
    .options({ resultTypes: ["violations"] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The text a reader meets: visible text plus the names and hints of controls. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = [...document.querySelectorAll("[aria-label], [placeholder], [title], [alt]")]
      .map((el) => ["aria-label", "placeholder", "alt"].map((a) => el.getAttribute(a) ?? "").join(" "))
      .join("\n");
    // Data written in another language on purpose (an English plan or customer name) is marked lang and left out.
    const foreign = [...document.querySelectorAll<HTMLElement>('body [lang]:not([lang^="zh"])')];
    const before = foreign.map((el) => el.style.display);
    foreign.forEach((el) => (el.style.display = "none"));
    const text = document.body.innerText;
    foreign.forEach((el, i) => (el.style.display = before[i]!));
    return `${text}\n${attributes}\n${document.title}`;
  });
}

async function settle(page: Page, path: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", /.+/);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator("[data-loading]")).toHaveCount(0);
  if (path.startsWith("/reports") && !path.includes("expiring"))
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
}

for (const language of languages) {
  test(`the sign-in page passes axe in ${language.locale}`, async ({ browser }) => {
    const context = await browser.newContext({ locale: language.browser, storageState: { cookies: [], origins: [] } });
    if (language.cookie)
      await context.addCookies([{ name: LOCALE_COOKIE, value: language.cookie, url: "http://127.0.0.1" }]);
    const page = await context.newPage();
    await open(page, "/login");
    await expect(page.locator("html")).toHaveAttribute("lang", language.locale);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  for (const role of roles) {
    test(`every page as a ${role} sees it passes axe in ${language.locale}${language.locale === "en" ? "" : ", with no English left"}`, async ({
      browser,
      baseURL,
    }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ locale: language.browser, storageState: storageState(role) });
      if (language.cookie) await context.addCookies([{ name: LOCALE_COOKIE, value: language.cookie, url: baseURL! }]);
      const page = await context.newPage();
      const leftovers = language.locale === "en" ? [] : englishLeftovers(language.locale);
      const keys = messageKeys();
      const problems: string[] = [];
      for (const path of await roleDependentPages(role)) {
        await open(page, path);
        await settle(page, path);
        await expect(page.locator("html")).toHaveAttribute("lang", language.locale);
        for (const violation of await axe(page)) problems.push(`${path}: ${violation}`);
        if (language.locale !== "en") {
          const text = await readableText(page);
          for (const run of leftovers) if (text.includes(run)) problems.push(`${path}: English left: "${run}"`);
          for (const key of keys) if (text.includes(key)) problems.push(`${path}: message key shown: ${key}`);
          if (/legend icon/i.test(text)) problems.push(`${path}: chart legend named in English`);
        }
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }
}
