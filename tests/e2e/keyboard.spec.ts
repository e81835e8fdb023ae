import { expect, test } from "@playwright/test";
import { open, storageState } from "./support";
import { createCardRenewedBefore, expectFocusedHeading, keyCounter, palette } from "./keyboard-support";
import { createTestCard, hkEnd, renewalsOf, wechatReference } from "./renewal-support";

test.use({ storageState: storageState("agent") });

test("renews from the number the customer gave, by WeChat Pay and the same plan, in at most 8 keys", async ({
  page,
}) => {
  const card = await createCardRenewedBefore();
  await open(page, "/customers");
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  const keys = keyCounter(page);

  await keys.press("Control+K");
  await expect(palette(page)).toBeVisible();
  await keys.type(card.national);
  const renewSame = palette(page).getByRole("option", { name: `Renew card #${card.cardId} with the same plan` });
  await expect(renewSame).toBeVisible();
  await keys.press("ArrowDown");
  await expect(renewSame).toHaveAttribute("aria-selected", "true");
  await keys.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/cards/${card.cardId}/renew\\?plan=same$`));
  // The plan is the card's last one, WeChat Pay is the default, and the reference field has focus.
  await expect(page.getByRole("radio", { name: /Monthly 8GB China \+ HK/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: "WeChat Pay" })).toBeChecked();
  await expect(page.getByLabel("Payment reference")).toBeFocused();
  await keys.type(wechatReference());
  await keys.press("Enter");

  // The review is shown, and read, before anything is confirmed.
  const review = page.getByTestId("renewal-review");
  await expect(review).toContainText("by WeChat Pay");
  await expect(page.locator("#renewal-review-heading")).toBeFocused();
  expect(await renewalsOf(card.cardId)).toEqual([]);
  await keys.press("Tab");
  await expect(page.getByRole("button", { name: "Confirm renewal" })).toBeFocused();
  await keys.press("Enter");

  await expect(page).toHaveURL(/\/renewals\/\d+\?done=1$/);
  await expect(page.getByText("Activated", { exact: true })).toBeVisible();
  // (The earlier self-service renewal has no payment row, so only the new one is listed.)
  expect(await renewalsOf(card.cardId)).toEqual([
    expect.objectContaining({ status: "activated", method: "wechat_pay" }),
  ]);
  expect(keys.count).toBeLessThanOrEqual(8);
  expect(keys.count).toBe(6);
});

test("the palette finds a card by number and opens it; the card's actions and r renew from there", async ({ page }) => {
  const card = await createCardRenewedBefore();
  await open(page, "/plans");
  await page.keyboard.press("Control+K");
  await page.keyboard.type(card.hk);
  await expect(palette(page).getByRole("option", { name: new RegExp(`Card #${card.cardId}`) })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${card.cardPath}$`));
  await expect(palette(page)).toBeHidden();
  await expectFocusedHeading(page, new RegExp(`Card #${card.cardId}`));

  await page.keyboard.press("Control+K");
  await expect(palette(page).getByRole("group", { name: /This card/ })).toBeVisible();
  for (const action of ["Renew…", "Renew with the same plan", "Resend the last confirmation SMS…", "Open the customer"])
    await expect(palette(page).getByRole("option", { name: action })).toBeVisible();
  // Agents cannot void: the palette does not offer it.
  await expect(palette(page).getByRole("option", { name: /Void/ })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();

  await page.keyboard.press("r");
  await expect(page).toHaveURL(new RegExp(`${card.cardPath}/renew$`));
  // After a navigation, focus is on the new page's main heading.
  await expectFocusedHeading(page, "Renew card");
});

test("? lists every shortcut, and g c, g p, g r, g w go to their pages", async ({ page }) => {
  await open(page, "/customers");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  // The shortcuts exist once the shell has hydrated; under load that can be after "load".
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(help).toBeVisible({ timeout: 500 });
  }).toPass();
  for (const action of [
    "Open the command palette",
    "Jump to the search box",
    "Show this list",
    "Go to customers",
    "Go to plans",
    "Go to reports",
    "Go to the expiry worklist",
    "Renew the card on screen",
  ])
    await expect(help.getByRole("row", { name: new RegExp(action) })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  for (const [key, url, heading] of [
    ["p", /\/plans$/, "Plan catalog"],
    ["w", /\/reports\/expiring$/, "Expiry worklist"],
    ["r", /\/reports$/, "Reports"],
    ["c", /\/customers$/, "Customers"],
  ] as const) {
    await page.keyboard.press("g");
    await page.keyboard.press(key);
    // The reports page aggregates 18 months of demo data: give a busy machine time.
    await expect(page).toHaveURL(url, { timeout: 30_000 });
    await expectFocusedHeading(page, heading);
  }
});

test("no shortcut fires while typing in a field or during an IME composition", async ({ page }) => {
  const card = await createCardRenewedBefore();
  await open(page, card.cardPath);
  const search = page.getByRole("combobox", { name: "Search customers and cards" });
  await search.click();
  await page.keyboard.type("gpr?");
  await expect(search).toHaveValue("gpr?");
  await expect(page).toHaveURL(new RegExp(`${card.cardPath}$`));
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  // On the page itself, mid-composition (compositionstart seen, keydown flagged isComposing): nothing happens.
  await search.blur();
  await page.evaluate(() => {
    const target = document.querySelector("h1")!;
    target.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, data: "" }));
    for (const key of ["g", "p", "r", "?"])
      target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, isComposing: true }));
  });
  // A composing keydown without the flag (some IMEs) still waits for compositionend.
  await page.evaluate(() => {
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "r", bubbles: true, cancelable: true }));
  });
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(new RegExp(`${card.cardPath}$`));
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
  // Composition over: the same key works.
  await page.evaluate(() =>
    document.querySelector("h1")!.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "字" })),
  );
  await page.keyboard.press("r");
  await expect(page).toHaveURL(new RegExp(`${card.cardPath}/renew$`));
});

test("a failed review moves focus to the first invalid field", async ({ page }) => {
  const card = await createTestCard({ validityEnd: hkEnd(12) });
  await open(page, card.renewPath);
  // No plan chosen: focus goes to the plan choice.
  await page.getByRole("button", { name: "Review renewal" }).click();
  await expect(page.getByText("Choose a plan.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /Monthly 8GB China \+ HK/ })).toBeFocused();
  await page.getByRole("radio", { name: /Monthly 8GB China \+ HK/ }).check();
  const reference = page.getByLabel("Payment reference");
  await reference.fill("x!");
  await page.getByRole("button", { name: "Review renewal" }).click();
  await expect(reference).toHaveAttribute("aria-invalid", "true");
  await expect(reference).toBeFocused();
});

test("recent customers: the ones opened last are on the customers page and in the palette", async ({ page }) => {
  const first = await createCardRenewedBefore({ name: `E2E Recent First ${Date.now()}` });
  const second = await createCardRenewedBefore({ name: `E2E Recent Second ${Date.now()}` });
  for (const card of [first, second, first]) {
    await open(page, card.cardPath);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await open(page, "/customers");
  const recent = page.getByRole("region", { name: "Recent customers" });
  const links = recent.getByRole("link");
  await expect(links.nth(0)).toContainText("E2E Recent First");
  await expect(links.nth(1)).toContainText("E2E Recent Second");
  await page.keyboard.press("Control+K");
  const group = palette(page).getByRole("group", { name: "Recent customers" });
  await expect(group.getByRole("option").first()).toContainText("E2E Recent First");
  await page.keyboard.type("Recent Second");
  await expect(group.getByRole("option")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${second.cardPath}$`));
});

test("recent customers are kept apart for each staff member", async ({ browser }) => {
  const card = await createCardRenewedBefore({ name: `E2E Recent Agent Only ${Date.now()}` });
  const agent = await browser.newPage({ storageState: storageState("agent") });
  await open(agent, card.cardPath);
  await expect(agent.getByRole("heading", { level: 1 })).toBeVisible();
  await open(agent, "/customers");
  await expect(agent.getByRole("region", { name: "Recent customers" })).toContainText("E2E Recent Agent Only");
  // Same browser storage, another staff member: their list does not show the agent's customer.
  const storage = await agent.context().storageState();
  await agent.close();
  const supervisorOnly = await browser.newContext({ storageState: storageState("supervisor") });
  const supervisorState = await supervisorOnly.storageState();
  await supervisorOnly.close();
  const shared = await browser.newContext({ storageState: { ...supervisorState, origins: storage.origins } });
  const supervisor = await shared.newPage();
  await open(supervisor, "/customers");
  await expect(supervisor.getByRole("region", { name: "Recent customers" })).toBeVisible();
  await expect(supervisor.getByRole("region", { name: "Recent customers" })).not.toContainText("E2E Recent Agent Only");
  await shared.close();
});
