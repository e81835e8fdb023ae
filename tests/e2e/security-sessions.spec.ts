import { expect, test } from "@playwright/test";
import { createStaffMember, expectOnLogin, open, signIn } from "./support";
import { strictPage, strictURL } from "./security-support";

// The strict server ends sessions after 8 s idle and 20 s after sign-in (playwright.config.ts).

test("an idle session ends, and the sign-in page says it was inactivity", async ({ browser }) => {
  const member = await createStaffMember("agent");
  const page = await strictPage(browser);
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/customers/);
  // Close the tab so no late prefetch touches the session while it idles; the cookie stays in the context.
  const context = page.context();
  await page.close();
  await new Promise((resolve) => setTimeout(resolve, 9_500));
  const later = await context.newPage();
  await open(later, "/plans");
  await expectOnLogin(later);
  await expect(later.getByText("You were signed out after a period of inactivity.")).toBeVisible();
  await context.close();
});

test("an active session still ends at its absolute lifetime, and says so", async ({ browser }) => {
  test.setTimeout(60_000);
  const member = await createStaffMember("agent");
  const page = await strictPage(browser);
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/customers/);
  const started = Date.now();
  // Active every second or so: never idle, so only the absolute limit can end it.
  while (Date.now() - started < 16_000) {
    await open(page, "/plans");
    await expect(page).toHaveURL(/\/plans/);
    await page.waitForTimeout(1_000);
  }
  await page.waitForTimeout(Math.max(0, 21_000 - (Date.now() - started)));
  await open(page, "/plans");
  await expectOnLogin(page);
  await expect(page.getByText("Your session reached its maximum length.")).toBeVisible();
  const session = await page.request.get(`${strictURL}/api/auth/session`);
  expect(await session.json()).toBeNull();
  await page.context().close();
});

test("the sessions page lists this member's browsers, and signing out everywhere ends them all", async ({
  browser,
}) => {
  const member = await createStaffMember("agent");
  const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
  const a = await first.newPage();
  const b = await second.newPage();
  await signIn(a, member.email, member.password);
  await signIn(b, member.email, member.password);
  await expect(b).toHaveURL(/\/customers/);

  await open(a, "/account/sessions");
  await expect(a.getByRole("heading", { name: "Open sessions" })).toBeVisible();
  const rows = a.getByRole("table", { name: "Open sessions" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This browser" })).toHaveCount(1);
  await a.screenshot({ path: "test-results/screenshots/sessions.png", fullPage: true });

  await a.getByRole("button", { name: "Sign out everywhere" }).click();
  await a.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(a.getByText("Every session has ended.")).toBeVisible();
  for (const page of [a, b]) {
    await open(page, "/customers");
    await expectOnLogin(page);
  }
  await Promise.all([first.close(), second.close()]);
});
