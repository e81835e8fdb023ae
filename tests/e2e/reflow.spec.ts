import { expect, test, type Page } from "@playwright/test";
import { open, storageState } from "./support";
import { createTestCard, hkEnd, renewalsOf, wechatReference } from "./renewal-support";

test.use({ storageState: storageState("agent") });

/** WCAG 1.4.10: nothing but a table's own frame may scroll sideways. */
async function expectNoPageScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(width);
}

test.describe("at 390 × 844", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the sidebar folds into a menu and the renew flow completes", async ({ page }) => {
    const card = await createTestCard({ validityEnd: hkEnd(12) });
    await open(page, "/plans");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expectNoPageScroll(page);
    const menu = page.getByRole("button", { name: "Menu" });
    await menu.click();
    const drawer = page.getByRole("dialog", { name: "Renewal Desk" });
    await drawer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(drawer).toBeHidden();

    const search = page.getByRole("combobox", { name: "Search customers and cards" });
    const box = await search.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    await search.fill(card.hk);
    await search.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/cards/${card.cardId}$`));
    await expectNoPageScroll(page);

    await page.getByRole("link", { name: "Renew", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Renew card" })).toBeFocused();
    await expectNoPageScroll(page);
    await page.getByRole("radio", { name: /Monthly 8GB China \+ HK/ }).check();
    await page.getByLabel("Payment reference").fill(wechatReference());
    await page.getByRole("button", { name: "Review renewal" }).click();
    await expect(page.getByTestId("renewal-review")).toContainText("by WeChat Pay");
    await expectNoPageScroll(page);
    await page.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(page).toHaveURL(/\/renewals\/\d+\?done=1$/);
    await expect(page.getByText("Activated", { exact: true })).toBeVisible();
    await expectNoPageScroll(page);
    expect(await renewalsOf(card.cardId)).toEqual([expect.objectContaining({ status: "activated" })]);
  });
});

test.describe("at 320 CSS px (1280 px at 400 % zoom)", () => {
  test.use({ viewport: { width: 320, height: 256 } });

  for (const path of ["/customers/1/cards/1", "/reports", "/reports/expiring", "/plans"])
    test(`${path} reflows: tables scroll in their own frame, the page does not`, async ({ page }) => {
      await open(page, path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoPageScroll(page);
      await expect(page.getByRole("button", { name: "Menu" })).toBeVisible();
    });
});
