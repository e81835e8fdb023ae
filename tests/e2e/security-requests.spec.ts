import http from "node:http";
import { expect, test } from "@playwright/test";
import { createStaffMember, signIn, storageState } from "./support";
import { securityEventsOf, signedOut, strictURL } from "./security-support";

test.describe("state-changing requests outside a browser", () => {
  test.use({ storageState: storageState("agent") });

  test("a server-action POST without Origin or Sec-Fetch-Site is refused with 403 and runs nothing", async ({
    request,
  }) => {
    const response = await request.post("/customers", {
      headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      data: '[{"q":"9"}]',
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toBe("Cross-site request refused.");
  });

  test("a cross-site POST answers 403, not 500", async ({ request }) => {
    const response = await request.post("/customers", {
      headers: { "next-action": "0".repeat(42), origin: "https://evil.example", "content-type": "text/plain" },
      data: "[]",
    });
    expect(response.status()).toBe(403);
  });

  test("an oversized POST answers 413, not 500", async ({ request, baseURL }) => {
    const response = await request.post("/customers", {
      headers: { "next-action": "0".repeat(42), origin: new URL(baseURL!).origin, "content-type": "text/plain" },
      data: "x".repeat(2 * 1024 * 1024),
    });
    expect(response.status()).toBe(413);
  });
});

test("a chunked POST without a declared length answers 411, not 500", async ({ baseURL }) => {
  // Playwright's request client always declares the length: a raw request sends the body in chunks.
  const url = new URL("/customers", baseURL);
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        headers: {
          "next-action": "0".repeat(42),
          origin: url.origin,
          "content-type": "text/plain",
          "transfer-encoding": "chunked",
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    for (let i = 0; i < 3; i++) request.write("[]".padEnd(1024, " "));
    request.end();
  });
  expect(status).toBe(411);
});

test("the sign-in throttle counts the socket's address, not a client-chosen X-Forwarded-For", async ({ browser }) => {
  const member = await createStaffMember("agent");
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.99" },
    storageState: signedOut,
  });
  const page = await context.newPage();
  await signIn(page, member.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await context.close();
  const events = await securityEventsOf(member.email);
  expect(events.map((e) => [e.kind, e.address])).toEqual([["sign_in.failed", "127.0.0.1"]]);
  expect(JSON.stringify(events)).not.toContain("not-the-password");
});

test("behind a trusted proxy hop, the address is the proxy's X-Forwarded-For entry and HTTPS earns HSTS", async ({
  browser,
  playwright,
}) => {
  const member = await createStaffMember("agent");
  const context = await browser.newContext({
    baseURL: strictURL,
    // The proxy appended the caller's address; what the caller wrote before it is not believed.
    extraHTTPHeaders: { "x-forwarded-for": "6.6.6.6, 203.0.113.5" },
    storageState: signedOut,
  });
  const page = await context.newPage();
  await signIn(page, member.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await context.close();
  expect((await securityEventsOf(member.email)).map((e) => e.address)).toEqual(["203.0.113.5"]);

  const request = await playwright.request.newContext({ baseURL: strictURL });
  const https = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  const http = await request.get("/login");
  expect(http.headers()["strict-transport-security"]).toBeUndefined();
  await request.dispose();
});
