import { expect, test } from "@playwright/test";
import { open, storageState } from "./support";
import { expectHkTime, screenshot, searchBox, searchFor } from "./lookup-support";

test.use({ storageState: storageState("agent") });

// The demo seed's showcase: customer 1 王伟 holds card 1 (active), 2 陈嘉欣 card 2 (in grace),
// 3 李志明 card 3 (expired), 4 张美玲 card 4 (suspended, lost); customer 6 holds cards 6–8.
const CARD_1 = "/customers/1/cards/1";
const CARD_1_ICCID = "8985201009824516530";

test("/ focuses the search box from any page", async ({ page }) => {
  await open(page, "/plans");
  await expect(searchBox(page)).not.toBeFocused();
  await page.keyboard.press("/");
  await expect(searchBox(page)).toBeFocused();
  await expect(searchBox(page)).toHaveValue("");
});

test("a Hong Kong number typed with a space goes straight to its card", async ({ page }) => {
  await open(page, "/reports");
  await searchFor(page, "9123 4567");
  await expect(page).toHaveURL(CARD_1);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("王伟 · Wong Wai");
  await expect(page.getByRole("definition").filter({ hasText: "+852 9123 4567" })).toBeVisible();
});

test("a mainland number with its country code goes straight to its card", async ({ page }) => {
  await open(page, "/customers");
  await searchFor(page, "+86 138 1234 5678");
  await expect(page).toHaveURL(CARD_1);
});

test("an ICCID goes straight to its card", async ({ page }) => {
  await open(page, "/customers");
  await searchFor(page, CARD_1_ICCID);
  await expect(page).toHaveURL(CARD_1);
  await expect(page.getByText(CARD_1_ICCID)).toBeVisible();
});

test("the last 4 digits list every card they end, each saying why, and one opens", async ({ page }) => {
  await open(page, "/customers");
  await searchFor(page, "4567");
  await expect(page).toHaveURL("/customers?q=4567");
  await expect(page.getByRole("heading", { name: "Results for “4567”" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "王伟 · Wong Wai" }) });
  await expect(row).toContainText("HK number ends 4567");
  await expect(row).toContainText("Active");
  await expect(row.locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} 23:59 HKT$/);
  await expect(row).toContainText("Monthly 8GB China + HK");
  await expect(row).toContainText(/CN [\d.]+ (GB|MB) · HK [\d.]+ (GB|MB)/);
  await screenshot(page, "search-results");
  await row.getByRole("link", { name: "王伟 · Wong Wai" }).click();
  await expect(page).toHaveURL(CARD_1);
});

test("a Chinese name offers suggestions that the keyboard can choose", async ({ page }) => {
  await open(page, "/plans");
  // The "/" shortcut exists once the box has hydrated; under load that can be after "load".
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(searchBox(page)).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.keyboard.type("陈嘉欣");
  const list = page.getByRole("listbox", { name: "Matching cards" });
  const first = list.getByRole("option").first();
  await expect(first).toContainText("陈嘉欣 · Chan Ka Yan");
  await expect(first).toContainText("Card #2");
  await expect(first).toContainText("In grace");
  await screenshot(page, "search-suggestions");
  await page.keyboard.press("ArrowDown");
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(searchBox(page)).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/customers/2/cards/2");
});

test("Escape closes the suggestions and Enter then searches", async ({ page }) => {
  await open(page, "/customers");
  const box = searchBox(page);
  await box.fill("王伟");
  await expect(page.getByRole("listbox")).toBeVisible();
  await box.press("Escape");
  await expect(page.getByRole("listbox")).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/customers\?q=%E7%8E%8B%E4%BC%9F$/);
  await expect(page.getByRole("link", { name: "王伟 · Wong Wai" }).first()).toBeVisible();
});

test("a common surname pages through its results without repeating any", async ({ page }) => {
  await open(page, "/customers?q=陈");
  await expect(page.getByTestId("result-count")).toHaveText(/results/);
  const firstPage = await page.getByRole("row").allInnerTexts();
  await screenshot(page, "search-results-name");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.getByRole("link", { name: "Back to the first page" })).toBeVisible();
  const secondPage = await page.getByRole("row").allInnerTexts();
  expect(secondPage.slice(1).filter((row) => firstPage.includes(row))).toEqual([]);
});

test.describe("the card page", () => {
  test("shows an active card: days left, validity in HKT, data and balance, and Renew", async ({ page }) => {
    await open(page, CARD_1);
    await expect(page.getByRole("heading", { name: /^Active — \d+ days left$/ })).toBeVisible();
    await expectHkTime(page, /^\d{4}-\d{2}-\d{2} 23:59 HKT$/);
    await expect(page.getByTestId("countdown")).toHaveText(/days? \d+ hours? left/);
    await expect(page.getByRole("meter", { name: "Mainland China" })).toBeVisible();
    await expect(page.getByRole("meter", { name: "Hong Kong" })).toBeVisible();
    await expect(page.getByTestId("stored-value")).toHaveText("HK$150.00");
    await expect(page.getByText("Real-name verified").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Renew", exact: true })).toHaveAttribute("href", `${CARD_1}/renew`);
    const history = page.getByRole("table", { name: "Renewals of this card, newest first" });
    await expect(history.getByRole("link", { name: /^Renewal #\d+$/ }).first()).toHaveAttribute(
      "href",
      /^\/renewals\/\d+$/,
    );
    await screenshot(page, "card-active");
  });

  test("shows a card in grace: until when service can be restored, and Renew", async ({ page }) => {
    await open(page, "/customers/2/cards/2");
    await expect(
      page.getByRole("heading", { name: /^In grace — service restorable until \d{4}-\d{2}-\d{2} 23:59 HKT$/ }),
    ).toBeVisible();
    await expectHkTime(page);
    await expect(page.getByTestId("countdown")).toHaveText(/^Ended .* ago · \d+ days? of grace left$/);
    await expect(page.getByText("No data: no plan is running now.")).toBeVisible();
    await expect(page.getByTestId("stored-value")).toHaveText("HK$500.00");
    await expect(page.getByRole("link", { name: "Renew", exact: true })).toBeVisible();
    await expect(page.getByText("Renewing now restores service today and keeps the number.")).toBeVisible();
    await screenshot(page, "card-grace");
  });

  test("shows an expired card: numbers released, balance forfeited, Renew disabled with the reason", async ({
    page,
  }) => {
    await open(page, "/customers/3/cards/3");
    await expect(
      page.getByRole("heading", { name: "Expired — numbers released; the customer needs a new card" }),
    ).toBeVisible();
    await expectHkTime(page);
    await expect(page.getByText("No data: no plan is running now.")).toBeVisible();
    await expect(page.getByTestId("stored-value")).toHaveText("HK$88.00");
    await expect(page.getByTestId("stored-value-forfeited")).toContainText("HK$88.00 was forfeited on");
    const renew = page.getByRole("button", { name: "Renew", exact: true });
    await expect(renew).toBeDisabled();
    await expect(renew).toHaveAccessibleDescription(/the card has expired/);
    await screenshot(page, "card-expired");
  });

  test("shows a suspended card: why, its data, and Renew disabled with the reason", async ({ page }) => {
    await open(page, "/customers/4/cards/4");
    await expect(page.getByRole("heading", { name: "Suspended — lost card" })).toBeVisible();
    await expectHkTime(page);
    await expect(page.getByRole("meter", { name: "Mainland China" })).toBeVisible();
    await expect(page.getByTestId("stored-value")).toHaveText("HK$20.00");
    const renew = page.getByRole("button", { name: "Renew", exact: true });
    await expect(renew).toBeDisabled();
    await expect(renew).toHaveAccessibleDescription(/while the card is suspended \(lost card\)/);
    await screenshot(page, "card-suspended");
  });

  test("shows the not-found page for a card of another customer, an unknown, malformed or out-of-range id", async ({
    page,
  }) => {
    for (const path of [
      "/customers/1/cards/2",
      "/customers/1/cards/99999999",
      "/customers/1/cards/abc",
      "/customers/0",
      // In range but unknown: the customer layout decides this before the page streams behind its skeleton.
      "/customers/99999999",
      "/customers/1e3",
      "/customers/99999999999",
      // Past int4: refused by routeId before any query (a 500 before the ids were bounded).
      "/customers/1/cards/2147483648/renew",
      "/customers/2147483648/cards/1/renew",
      "/renewals/2147483648",
      "/renewals/9999999999",
    ]) {
      const response = await open(page, path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });
});

test("the customer page shows contact, language, masked ID, notes and every card", async ({ page }) => {
  await open(page, "/customers/6");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("深圳星河贸易有限公司");
  await expect(page.getByText("Business account: 3 cards for sales staff.")).toBeVisible();
  const cards = page.getByRole("table", { name: "The customer's cards" });
  await expect(cards.getByRole("link", { name: /^Card #\d+$/ })).toHaveText(["Card #6", "Card #7", "Card #8"]);
  await screenshot(page, "customer-page");
  await open(page, "/customers/1");
  await expect(page.getByText("HKID ••••567A")).toBeVisible();
  await expect(page.getByText("Traditional Chinese")).toBeVisible();
  await expect(page.getByText("wong.wai@example.com")).toBeVisible();
});

test.describe("searches that cannot match anyone say so, never an error", () => {
  for (const [query, message] of [
    ["%", "Punctuation and symbols alone cannot match anyone."],
    ["_", "Punctuation and symbols alone cannot match anyone."],
    ["\\", "Punctuation and symbols alone cannot match anyone."],
    ["'\"", "Punctuation and symbols alone cannot match anyone."],
    ["😀", "Punctuation and symbols alone cannot match anyone."],
    [
      "+1 415 555 0100",
      "That is not a Hong Kong (+852, 8 digits) or mainland (+86, 11 digits starting with 1) mobile number.",
    ],
    ["9".repeat(10_240), "That search is too long."],
  ] as const) {
    test(`${query.length > 20 ? "a 10 KB string" : query}`, async ({ page }) => {
      const response = await open(page, `/customers?q=${encodeURIComponent(query)}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("status").filter({ hasText: message })).toBeVisible();
    });
  }

  test("wildcards in a name match literally", async ({ page }) => {
    const response = await open(page, `/customers?q=${encodeURIComponent("wong%")}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText("No customer or card matches “wong%”")).toBeVisible();
  });
});
