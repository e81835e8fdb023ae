import { expect, test } from "@playwright/test";
import { pagesFor } from "../e2e/pages-support";
import { storageState } from "../e2e/support";

const widths = [1440, 390] as const;

const fileName = (path: string) =>
  path
    .replace(/^\//, "")
    .replace(/[/?=%]+/g, "-")
    .replace(/-+$/, "") || "home";

for (const width of widths) {
  test(`every page in 繁體中文 at ${width} px`, async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({
      locale: "zh-HK",
      storageState: storageState("admin"),
      viewport: { width, height: width === 390 ? 844 : 900 },
    });
    const page = await context.newPage();
    for (const path of await pagesFor("admin")) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expect(page.locator("[data-loading]")).toHaveCount(0);
      await page.waitForTimeout(300);
      await page.screenshot({
        path: `test-results/screenshots/zh-Hant/${fileName(path)}-${width}.png`,
        fullPage: true,
      });
    }
    await page.goto("/customers");
    await page.keyboard.press("Control+K");
    await page.keyboard.type("9123 4567");
    await expect(page.getByRole("option").first()).toBeVisible();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `test-results/screenshots/zh-Hant/palette-${width}.png` });
    await page.keyboard.press("Escape");
    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "鍵盤快速鍵" })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/zh-Hant/shortcuts-${width}.png` });
    await page.keyboard.press("Escape");
    if (width === 390) {
      await page.getByRole("button", { name: "選單" }).click();
      await expect(page.getByRole("dialog", { name: "續費工作台" })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/zh-Hant/menu-${width}.png` });
    }
    await context.close();
  });
}

test("the sign-in page in 繁體中文", async ({ browser }) => {
  for (const width of widths) {
    const context = await browser.newContext({ locale: "zh-HK", viewport: { width, height: 844 } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.screenshot({ path: `test-results/screenshots/zh-Hant/login-${width}.png`, fullPage: true });
    await context.close();
  }
});
