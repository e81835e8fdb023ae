import { expect, test } from "@playwright/test";
import { createStaffMember, expectOnLogin, open, reopen, signIn, storageState, withSql } from "./support";
import { codeFor, securityEventsOf, signInWithCode, strictPage } from "./security-support";

test("an agent enrols in 2FA, signs in with a code and with a recovery code, and an admin resets it", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const member = await createStaffMember("agent");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/customers/);

  await page.getByTestId("staff-name").click();
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
  await page.getByRole("button", { name: "Start set-up" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.screenshot({ path: "test-results/screenshots/two-factor-enrol.png", fullPage: true });

  await page.getByLabel("6-digit code").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("That code is not right.").first()).toBeVisible();
  await page.getByLabel("6-digit code").fill(await codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Two-factor sign-in is on.")).toBeVisible();
  const codes = page.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = await codes.first().innerText();
  await page.screenshot({ path: "test-results/screenshots/two-factor-codes.png", fullPage: true });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out.")).toBeVisible();

  // The password alone now asks for a code; the next step's code (the confirm used this one) signs in.
  await signInWithCode(page, member.email, member.password, "111111");
  await expect(page.getByRole("alert").filter({ hasText: "That code is not right" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(await codeFor(secret, 30));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/customers/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out.")).toBeVisible();

  await signInWithCode(page, member.email, member.password, recovery);
  await expect(page).toHaveURL(/\/customers/);
  // The same recovery code does not work twice.
  const again = await browser.newContext();
  await signInWithCode(await again.newPage(), member.email, member.password, recovery);
  await expect(
    (await again.pages())[0]!.getByRole("alert").filter({ hasText: "That code is not right" }),
  ).toBeVisible();
  await again.close();

  // An admin resets it with a reason: the member's session ends at once.
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const adminPage = await admin.newPage();
  const [row] = await withSql((sql) => sql<{ id: number }[]>`select id from staff where email = ${member.email}`);
  await open(adminPage, `/staff/${row!.id}`);
  await adminPage.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(adminPage.getByText("Give a reason (at least 5 characters).")).toBeVisible();
  await adminPage.getByLabel("Reason for the reset").fill("Lost phone; identity checked by call-back");
  await adminPage.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(adminPage.getByText("Two-factor sign-in was reset and the person's sessions ended.")).toBeVisible();
  await reopen(adminPage);
  await expect(adminPage.getByText("Two-factor sign-in reset").first()).toBeVisible();
  await admin.close();

  await open(page, "/plans");
  await expectOnLogin(page);
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/customers/);
  const kinds = (await securityEventsOf(member.email)).map((e) => e.kind);
  expect(kinds).toEqual(
    expect.arrayContaining([
      "two_factor.enrolled",
      "two_factor.failed",
      "two_factor.recovery_used",
      "two_factor.reset",
    ]),
  );
  await context.close();
});

test("a supervisor without 2FA is sent to enrol before using the console (where 2FA is required)", async ({
  browser,
}) => {
  const member = await createStaffMember("supervisor");
  const page = await strictPage(browser);
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await expect(page.getByText("Your role requires two-factor sign-in.")).toBeVisible();
  await open(page, "/reports");
  await expect(page).toHaveURL(/\/account\/two-factor/);
  await page.context().close();
});
