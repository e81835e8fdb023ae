import { expect, test } from "@playwright/test";
import { createStaffMember, expectOnLogin, mainNav, open, reopen, signIn, storageState, withSql } from "./support";

test.describe("each demo role", () => {
  const expected = {
    admin: ["Customers", "Plans", "Reports", "Activations", "Cash drawer", "Reconciliation", "Staff", "Security"],
    supervisor: ["Customers", "Plans", "Reports", "Activations", "Cash drawer", "Reconciliation"],
    agent: ["Customers", "Plans", "Reports", "Activations", "Cash drawer"],
  } as const;

  for (const role of ["admin", "supervisor", "agent"] as const) {
    test.describe(role, () => {
      test.use({ storageState: storageState(role) });
      test(`sees its own navigation`, async ({ page }) => {
        await open(page, "/customers");
        await expect(mainNav(page).getByRole("link")).toHaveText([...expected[role]]);
        await expect(page.getByTestId("staff-name")).toBeVisible();
        await expect(
          page.getByText(role === "admin" ? "Admin" : role === "supervisor" ? "Supervisor" : "Agent", { exact: true }),
        ).toBeVisible();
      });
    });
  }

  test.describe("agent", () => {
    test.use({ storageState: storageState("agent") });
    test("is refused the staff page", async ({ page }) => {
      const response = await open(page, "/staff");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    });
  });
});

test("a wrong password shows an error and keeps the email", async ({ page }) => {
  await signIn(page, "agent@example.com", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("agent@example.com");
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("a signed-out visit lands on /login and returns to the page after sign-in", async ({ page }) => {
  await open(page, "/reports?range=30d");
  await expectOnLogin(page);
  await page.getByLabel("Email").fill("supervisor@example.com");
  await page.getByLabel("Password").fill("renewal-desk-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/reports\?range=30d$/);
});

test("sign-out ends the session", async ({ page }) => {
  const member = await createStaffMember("agent");
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/customers/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out.")).toBeVisible();
  await open(page, "/plans");
  await expectOnLogin(page);
});

test("a disabled account's open session is refused at its next request", async ({ page }) => {
  const member = await createStaffMember("agent");
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/customers/);
  await withSql((sql) => sql`update staff set disabled_at = now() where email = ${member.email}`);
  await mainNav(page).getByRole("link", { name: "Plans" }).click();
  await expectOnLogin(page);
  await expect(page.getByText("Your session has ended. Please sign in again.")).toBeVisible();
  // and the old password no longer works
  await signIn(page, member.email, member.password);
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
});

test.describe("language", () => {
  test.use({ storageState: storageState("agent") });
  test("the switch changes the UI to Chinese and back, and is remembered", async ({ page }) => {
    await open(page, "/plans");
    await page.getByRole("button", { name: "简体中文" }).click();
    const zhNav = page.getByRole("navigation", { name: "主导航" });
    await expect(zhNav.getByRole("link", { name: "套餐" })).toBeVisible();
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
    await reopen(page);
    await expect(zhNav.getByRole("link", { name: "客户" })).toBeVisible();
    await page.getByRole("button", { name: "English" }).click();
    await expect(mainNav(page).getByRole("link", { name: "Customers" })).toBeVisible();
  });
});

test("/api/health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ db: "ok" });
});
