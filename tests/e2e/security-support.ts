import { expect, type Browser, type Page } from "@playwright/test";
import { totpCode } from "@/lib/auth/totp";
import { open, withSql } from "./support";

/** browser.newContext() takes the file's test.use() options, a signed-in storage state too: this clears it. */
export const signedOut = { cookies: [], origins: [] };

/**
 * The second server (playwright.config.ts): idle 8 s, absolute 20 s, 2FA for
 * supervisors and admins, 2 exports an hour, TRUSTED_PROXY_HOPS=1.
 */
export const strictURL = `http://127.0.0.1:${process.env.E2E_STRICT_PORT ?? 3101}`;

export async function strictPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: strictURL,
    locale: "en-GB",
    timezoneId: "Asia/Hong_Kong",
    storageState: signedOut,
  });
  return context.newPage();
}

/** Collects every CSP violation the page reports, from the console and from the DOM event. */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__cspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

/** The code an authenticator app would show `offsetSeconds` from now. */
export function codeFor(secret: string, offsetSeconds = 0): Promise<string> {
  return totpCode(secret, Math.floor(Date.now() / 1000) + offsetSeconds);
}

export async function signInWithCode(page: Page, email: string, password: string, code: string) {
  await open(page, "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function securityEventsOf(email: string) {
  return withSql(
    (sql) => sql<{ kind: string; address: string | null; detail: Record<string, unknown> }[]>`
      select e.kind, e.address, e.detail from security_events e join staff s on s.id = e.staff_id
      where s.email = ${email} order by e.id`,
  );
}
