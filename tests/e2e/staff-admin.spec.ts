import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectOnLogin, mainNav, open, signIn, storageState, withSql } from "./support";

const shots = "test-results/screenshots";

test.describe("an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("creates an agent account, the agent signs in, the admin disables it and the agent's next click lands on /login", async ({
    page,
    browser,
  }) => {
    const email = `e2e-new-${randomBytes(4).toString("hex")}@example.test`;
    await open(page, "/staff");
    await page.getByRole("link", { name: "Add staff member" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add staff member" })).toBeVisible();
    await page.getByLabel("Email", { exact: true }).fill(email.toUpperCase());
    await page.getByLabel("Name", { exact: true }).fill("陈小明 Chan Siu Ming");
    await page.getByLabel("Role", { exact: true }).selectOption("agent");
    await expect(page.getByLabel("Generate a strong password (shown once)")).toBeChecked();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Account created for 陈小明 Chan Siu Ming." }),
    ).toBeVisible();
    const password = (await page.getByTestId("generated-password").textContent())!.trim();
    expect(password.length).toBeGreaterThanOrEqual(12);

    const agentContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const agent = await agentContext.newPage();
    await signIn(agent, email, password);
    await expect(agent).toHaveURL(/\/customers/);
    await expect(agent.getByTestId("staff-name")).toHaveText("陈小明 Chan Siu Ming");

    await page.getByRole("link", { name: "Open 陈小明 Chan Siu Ming's page" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
    await page.getByRole("button", { name: "Disable account" }).click();
    await page.getByRole("button", { name: "Yes, disable" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Account disabled. Their open sessions have ended." }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Disabled");
    await expect(page.getByRole("listitem").filter({ hasText: "Disabled ·" })).toContainText("Ada Admin");

    await mainNav(agent).getByRole("link", { name: "Plans" }).click();
    await expectOnLogin(agent);
    await agentContext.close();
  });

  test("sees the team with role, state and last sign-in, and filters it", async ({ page }) => {
    await open(page, "/staff");
    const table = page.getByRole("table", { name: /Staff accounts/ });
    await expect(table.getByRole("row", { name: /admin@example\.com/ })).toContainText("Admin");
    await expect(table.getByRole("row", { name: /agent@example\.com/ })).toContainText("Agent");
    await expect(table.getByRole("row", { name: /admin@example\.com/ })).toContainText("HKT");
    await page.screenshot({ path: `${shots}/staff-list.png`, fullPage: true });

    await page.getByLabel("Role", { exact: true }).selectOption("supervisor");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/role=supervisor/);
    await expect(table.getByRole("row", { name: /supervisor@example\.com/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /agent@example\.com/ })).toHaveCount(0);
  });

  test("changes a role and resets a password, ending the person's sessions each time", async ({ page, browser }) => {
    const email = `e2e-role-${randomBytes(4).toString("hex")}@example.test`;
    const [created] = await withSql(
      (sql) => sql`insert into staff (email, name, password_hash, role)
        select ${email}, 'E2E Role Change', password_hash, 'agent' from staff where email = 'agent@example.com' returning id`,
    );
    const memberContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const member = await memberContext.newPage();
    await signIn(member, email, "renewal-desk-demo");
    await expect(member).toHaveURL(/\/customers/);

    await open(page, `/staff/${created!.id}`);
    await page.getByLabel("Role", { exact: true }).selectOption("supervisor");
    await page.getByRole("button", { name: "Change role" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Role changed. Their open sessions have ended." }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Supervisor");
    await mainNav(member).getByRole("link", { name: "Reports" }).click();
    await expectOnLogin(member);

    await page.getByLabel("Set a password").check();
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect(page.getByLabel("New password")).toHaveAccessibleDescription(
      /Too short: use at least 12 characters\./,
    );
    await page.getByLabel("New password").fill("a-brand-new-password");
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Password reset. Their open sessions have ended." }),
    ).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Role changed" })).toContainText("Agent → Supervisor");
    await page.getByRole("main").screenshot({ path: `${shots}/staff-edit.png` });

    await signIn(member, email, "a-brand-new-password");
    await expect(member).toHaveURL(/\/customers/);
    await expect(member.getByText("Supervisor", { exact: true })).toBeVisible();
    await memberContext.close();
  });
});

test.describe("a supervisor", () => {
  test.use({ storageState: storageState("supervisor") });
  test("is refused the staff pages", async ({ page }) => {
    for (const path of ["/staff", "/staff/new", "/staff/1"]) {
      const response = await open(page, path);
      expect(response?.status()).toBe(403);
    }
  });
});
