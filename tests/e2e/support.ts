import { expect, type Page } from "@playwright/test";
import postgres from "postgres";
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@/db/client";
import { createStaff, DEMO_PASSWORD } from "../helpers/factories";

export { DEMO_PASSWORD };
export const roles = ["admin", "supervisor", "agent"] as const;
export type DemoRole = (typeof roles)[number];

export const storageState = (role: DemoRole) => `test-results/.auth/${role}.json`;

/**
 * `page.goto`, then wait until React has revealed every streamed boundary. React batches reveals for up to
 * 300 ms after the first paint, and meanwhile hydration may already have rendered a boundary in place while
 * the server's copy still waits in a `<div hidden id="S:n">` at the end of the body. Locators that count
 * hidden nodes (getByText, getByLabel) then see two and fail strict mode: about one load in ten on a busy
 * machine. Specs use these instead of `goto` and `reload` (the lint config says so).
 */
export async function open(page: Page, url: string, options?: Parameters<Page["goto"]>[1]) {
  const response = await page.goto(url, options);
  await revealed(page);
  return response;
}

export async function reopen(page: Page) {
  const response = await page.reload();
  await revealed(page);
  return response;
}

async function revealed(page: Page) {
  await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'));
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await open(page, "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The factories (tests/helpers/factories.ts) against the e2e database, for arranging a test. */
export async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const client = createDb(process.env.DATABASE_URL!, { max: 1, applicationName: "renewal-desk-e2e" });
  try {
    return await work(client.db);
  } finally {
    await client.close();
  }
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
  await withDb((db) => createStaff(db, { email, name: `E2E ${role}`, role, password }));
  return { email, password };
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

export async function expectOnLogin(page: Page) {
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}
