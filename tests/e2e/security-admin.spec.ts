import { expect, test } from "@playwright/test";
import { createStaffMember, open, signIn, storageState, withSql } from "./support";
import { signedOut, strictPage, strictURL } from "./security-support";

test("exports are rate-limited per staff member with a 429 and a friendly message", async ({ browser }) => {
  const member = await createStaffMember("agent");
  const page = await strictPage(browser);
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/customers/);
  const url = `${strictURL}/reports/export/volume?range=30d`;
  expect((await page.request.get(url)).status()).toBe(200);
  expect((await page.request.get(url)).status()).toBe(200);
  const refused = await page.request.get(url);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await refused.text()).toMatch(/^You are going too fast: this limit protects customer data\. Try again in/);
  await page.context().close();
});

test("a throttled account still signs in at once from a browser that signed in to it before", async ({ browser }) => {
  const member = await createStaffMember("agent");
  const own = await browser.newContext({ storageState: signedOut });
  const ownPage = await own.newPage();
  await signIn(ownPage, member.email, member.password);
  await expect(ownPage).toHaveURL(/\/customers/);
  await ownPage.getByRole("button", { name: "Sign out" }).click();
  await expect(ownPage.getByText("You have been signed out.")).toBeVisible();

  // Someone else has been guessing: the account is delayed for new browsers for the next ten minutes.
  await withSql(
    (sql) => sql`insert into sign_in_throttle (key, failures, last_failure_at, locked_until)
      values (${`account:${member.email}`}, 12, now(), now() + interval '10 minutes')`,
  );
  const stranger = await browser.newContext({ storageState: signedOut });
  const strangerPage = await stranger.newPage();
  await signIn(strangerPage, member.email, member.password);
  await expect(strangerPage.getByRole("alert").filter({ hasText: "Too many failed attempts." })).toBeVisible();

  await signIn(ownPage, member.email, member.password);
  await expect(ownPage).toHaveURL(/\/customers/);
  await Promise.all([own.close(), stranger.close()]);
});

test.describe("an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("sees a throttled account and clears it, and finds it all in the security log", async ({ page, browser }) => {
    const member = await createStaffMember("agent");
    const stranger = await browser.newContext({ storageState: signedOut });
    const attacker = await stranger.newPage();
    for (let i = 0; i < 6; i++) {
      await signIn(attacker, member.email, `wrong-${i}`);
      await expect(attacker.getByRole("alert").filter({ hasText: /incorrect|Too many/ })).toBeVisible();
    }
    await stranger.close();

    await open(page, "/security/throttles");
    const row = page.getByRole("row").filter({ hasText: member.email });
    // Six failures: five free, the sixth starts a delay (a second long, so it may be over by now).
    await expect(row).toContainText("Account (new browsers)");
    await expect(row.getByRole("cell").nth(2)).toHaveText("6");
    await page.screenshot({ path: "test-results/screenshots/security-throttles.png", fullPage: true });
    await row.getByRole("button", { name: `Clear the delay for ${member.email}` }).click();
    await expect(page.getByRole("row").filter({ hasText: member.email })).toHaveCount(0);

    await page.getByRole("link", { name: "Security log" }).click();
    await page.getByLabel("Staff email starts with").fill(member.email);
    await page.getByLabel("Event").selectOption("sign_in.failed");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/kind=sign_in.failed/);
    await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(6);
    await expect(page.getByRole("table")).not.toContainText("wrong-");
    await page.screenshot({ path: "test-results/screenshots/security-log.png", fullPage: true });
  });
});
