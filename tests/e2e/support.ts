import { expect, type Page } from "@playwright/test";
import postgres from "postgres";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_PASSWORD = "renewal-desk-demo";
export const roles = ["admin", "supervisor", "agent"] as const;
export type DemoRole = (typeof roles)[number];

export const storageState = (role: DemoRole) => `test-results/.auth/${role}.json`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Direct database access for arranging a test (never for asserting UI behaviour alone). */
export async function withSql<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

export async function createStaffMember(role: DemoRole = "agent") {
  const email = `e2e-${randomBytes(4).toString("hex")}@example.test`;
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const hash = await hashPassword(password);
  await withSql(
    (sql) =>
      sql`insert into staff (email, name, password_hash, role) values (${email}, ${"E2E " + role}, ${hash}, ${role})`,
  );
  return { email, password };
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

export async function expectOnLogin(page: Page) {
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}
