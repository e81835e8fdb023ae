import { expect, test } from "@playwright/test";
import { open, storageState, withSql } from "./support";
import { signedOut, watchCsp } from "./security-support";

test.use({ storageState: storageState("admin") });

async function samplePaths() {
  return withSql(async (sql) => {
    const [card] = await sql<
      { customer_id: number; id: number }[]
    >`select customer_id, id from cards order by id limit 1`;
    const [renewal] = await sql<{ id: number }[]>`select id from renewals order by id desc limit 1`;
    const [plan] = await sql<{ id: number }[]>`select id from plans order by id limit 1`;
    const [member] = await sql<{ id: number }[]>`select id from staff where email = 'agent@example.com'`;
    return [
      "/customers",
      "/customers?q=9",
      `/customers/${card!.customer_id}`,
      `/customers/${card!.customer_id}/cards/${card!.id}`,
      `/customers/${card!.customer_id}/cards/${card!.id}/renew`,
      `/renewals/${renewal!.id}`,
      "/plans",
      `/plans/${plan!.id}`,
      "/plans/new",
      "/reports",
      "/reports/expiring",
      "/staff",
      `/staff/${member!.id}`,
      "/staff/new",
      "/security",
      "/security/throttles",
      "/account",
      "/account/two-factor",
      "/account/sessions",
    ];
  });
}

test("every console page runs under the nonce CSP with no violation", async ({ page }) => {
  test.setTimeout(90_000);
  const violations = await watchCsp(page);
  for (const path of await samplePaths()) {
    const response = await open(page, path);
    expect(response?.status(), path).toBeLessThan(400);
    const csp = response!.headers()["content-security-policy"];
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response!.headers()["permissions-policy"]).toContain("camera=()");
    // Hydrated: the client-side search box answers (a blocked script would leave it dead).
    await expect(page.getByRole("combobox", { name: "Search customers and cards" })).toBeEditable();
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});

test("the sign-in page carries the CSP and an injected inline script is blocked (the watch works)", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, storageState: signedOut });
  const page = await context.newPage();
  const violations = await watchCsp(page);
  const response = await open(page, "/login");
  expect(response!.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  // Served over plain HTTP, a forged X-Forwarded-Proto from the client does not earn HSTS (no trusted proxy).
  expect(response!.headers()["strict-transport-security"]).toBeUndefined();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  expect(violations).toEqual([]);
  // What an HTML injection would try: an inline handler. It must not run, and the watch must see the refusal.
  await page.evaluate(() => {
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="/no-such-image.png" onerror="window.__injected = true">`;
    document.body.appendChild(holder);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
  await context.close();
});

test("forged X-Forwarded-Proto does not turn on HSTS without a trusted proxy", async ({ request }) => {
  const response = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
});
