import { expect, test, type Page } from "@playwright/test";
import { formatHkt } from "@/lib/domain/format";
import { open, storageState, withSql } from "./support";
import { createTestCard, hkEnd, renewalsOf, wechatReference } from "./renewal-support";

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

async function choosePlan(page: Page, name: RegExp) {
  await page.getByRole("radio", { name }).check();
}

test.describe("an agent", () => {
  test.use({ storageState: storageState("agent") });

  test("renews an active card by WeChat Pay and lands on the receipt with the new validity", async ({ page }) => {
    const card = await createTestCard({ validityEnd: hkEnd(12) });
    await open(page, card.renewPath);
    await expect(page.getByText("Active", { exact: true })).toBeVisible();
    await shot(page, "renew-1-card");

    await choosePlan(page, /Monthly 8GB China \+ HK/);
    await expect(page.getByTestId("amount")).toHaveText("HK$98.00");
    await page.getByRole("radio", { name: "CNY" }).check();
    await expect(page.getByTestId("amount")).toHaveText("CN¥88.00");
    await page.getByRole("radio", { name: "HKD" }).check();
    await page.getByLabel("Payment reference").fill(wechatReference());
    await shot(page, "renew-2-details");

    await page.getByRole("button", { name: "Review renewal" }).click();
    const review = page.getByTestId("renewal-review");
    await expect(review.getByTestId("new-validity-end")).toHaveText(formatHkt(hkEnd(42)));
    await expect(review).toContainText("Stack: the new period starts when the current validity ends.");
    await expect(review).toContainText("HK$98.00 by WeChat Pay");
    await shot(page, "renew-3-review");

    await page.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(page).toHaveURL(/\/renewals\/\d+\?done=1$/);
    await expect(
      page.getByText("Renewed. The customer gets a confirmation SMS once the data is active."),
    ).toBeVisible();
    await expect(page.getByTestId("receipt-new-validity")).toHaveText(formatHkt(hkEnd(42)));
    await expect(page.getByText("Activated", { exact: true })).toBeVisible();
    await shot(page, "renew-4-receipt");
    await page.getByRole("link", { name: "Back to the card" }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${card.customerId}/cards/${card.cardId}$`));
    await expect(page.getByText(formatHkt(hkEnd(42))).first()).toBeVisible();
    await shot(page, "renew-5-card");
    expect(await renewalsOf(card.cardId)).toEqual([
      expect.objectContaining({ status: "activated", method: "wechat_pay" }),
    ]);
  });

  test("renews a card in grace from stored value, told that service is restored", async ({ page }) => {
    const card = await createTestCard({ validityEnd: hkEnd(-3), storedValueMinor: 50000 });
    await open(page, card.renewPath);
    await expect(page.getByText("In grace", { exact: true })).toBeVisible();
    await choosePlan(page, /Monthly 8GB China \+ HK/);
    await page.getByRole("radio", { name: "Stored value" }).check();
    await expect(page.getByRole("radio", { name: "CNY" })).toBeDisabled();
    await expect(page.getByLabel("Payment reference")).toHaveCount(0);
    await page.getByRole("button", { name: "Review renewal" }).click();
    await expect(page.getByText("The card is in grace: confirming restores service now.")).toBeVisible();
    await expect(page.getByTestId("new-validity-end")).toHaveText(formatHkt(hkEnd(29)));
    await shot(page, "renew-grace-review");
    await page.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(page).toHaveURL(/\/renewals\/\d+/);
    await expect(page.getByText("HK$98.00 by Stored value")).toBeVisible();
    const [row] = await withSql(
      (sql) => sql`select stored_value_hkd_minor as balance from cards where id = ${card.cardId}`,
    );
    expect(row!.balance).toBe(40200);
  });

  test("is refused on an expired card, with the reason and no form", async ({ page }) => {
    const card = await createTestCard({ validityEnd: hkEnd(-60) });
    await open(page, card.renewPath);
    await expect(page.getByRole("alert").filter({ hasText: "This card is expired" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Review renewal" })).toHaveCount(0);
    await shot(page, "renew-expired");
  });

  test("double-clicking confirm renews once", async ({ page }) => {
    const card = await createTestCard({ validityEnd: hkEnd(5) });
    await open(page, card.renewPath);
    await choosePlan(page, /Monthly 8GB China \+ HK/);
    await page.getByRole("radio", { name: "Cash" }).check();
    await page.getByRole("button", { name: "Review renewal" }).click();
    await page.getByRole("button", { name: "Confirm renewal" }).dblclick();
    await expect(page).toHaveURL(/\/renewals\/\d+/);
    expect(await renewalsOf(card.cardId)).toHaveLength(1);
  });

  test("sees a reused payment reference refused before confirming, naming the renewal", async ({ page }) => {
    const [used] = await withSql(
      (sql) =>
        sql`select p.reference, p.renewal_id from payments p where p.method = 'wechat_pay' order by p.id limit 1`,
    );
    const card = await createTestCard({ validityEnd: hkEnd(5) });
    await open(page, card.renewPath);
    await choosePlan(page, /Monthly 8GB China \+ HK/);
    await page.getByLabel("Payment reference").fill(String(used!.reference));
    await page.getByRole("button", { name: "Review renewal" }).click();
    await expect(
      page.getByText(`This payment reference was already used with this method, by renewal #${used!.renewal_id}.`),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Confirm renewal" })).toHaveCount(0);
  });
});

test.describe("voids", () => {
  async function scheduledRenewal(page: Page) {
    const card = await createTestCard({ validityEnd: hkEnd(20) });
    await open(page, card.renewPath);
    await choosePlan(page, /Monthly 8GB China \+ HK/);
    await page.getByRole("radio", { name: "FPS" }).check();
    await page.getByLabel("Payment reference").fill(`FRN${Date.now()}`);
    await page.getByRole("button", { name: "Review renewal" }).click();
    await page.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(page).toHaveURL(/\/renewals\/\d+/);
    return { ...card, receiptUrl: page.url().replace(/\?.*$/, "") };
  }

  test.describe("a supervisor", () => {
    test.use({ storageState: storageState("supervisor") });
    test("voids a scheduled renewal: validity goes back and the refund is recorded", async ({ page }) => {
      const card = await scheduledRenewal(page);
      await page.getByLabel("Reason").fill("Customer changed their mind before the period started");
      await page.getByLabel("Refund reference").fill("frn-refund 0001");
      await shot(page, "void-1-form");
      await page.getByRole("button", { name: "Void and refund", exact: true }).click();
      // The confirmation states the amount and what happens before anything is done.
      const confirm = page.getByRole("alertdialog", { name: /^Void renewal #\d+ and refund HK\$98.00\?$/ });
      await expect(confirm).toContainText("HK$98.00 is refunded by FPS.");
      await shot(page, "void-1b-confirm");
      await confirm.getByRole("button", { name: "Void and refund HK$98.00" }).click();
      await expect(page.getByText("Voided", { exact: true }).first()).toBeVisible();
      await expect(page.getByTestId("toast")).toContainText("The renewal is voided");
      await expect(page.getByText("Refunded HK$98.00")).toBeVisible();
      await shot(page, "void-2-receipt");
      const [row] = await withSql((sql) => sql`select validity_end from cards where id = ${card.cardId}`);
      expect((row!.validity_end as Date).toISOString()).toBe(hkEnd(20).toISOString());
    });
  });

  test("an agent sees no void button, and a forged void request is refused, as is one with no session", async ({
    browser,
    playwright,
  }) => {
    const supervisor = await browser.newPage({ storageState: storageState("supervisor") });
    const { receiptUrl, cardId, iccid } = await scheduledRenewal(supervisor);
    // Capture the real void request a supervisor's browser would send, without letting it through.
    let forged: { headers: Record<string, string>; body: Buffer } | undefined;
    await supervisor.route(
      (url) => url.pathname === new URL(receiptUrl).pathname,
      async (route) => {
        const request = route.request();
        if (request.method() === "POST" && request.headers()["next-action"]) {
          forged = { headers: request.headers(), body: request.postDataBuffer()! };
          await route.abort();
        } else await route.continue();
      },
    );
    await supervisor.getByLabel("Reason").fill("forged by an agent");
    await supervisor.getByRole("button", { name: "Void and refund", exact: true }).click();
    await supervisor
      .getByRole("alertdialog")
      .getByRole("button", { name: /^Void and refund HK\$/ })
      .click();
    await expect.poll(() => forged).toBeDefined();
    await supervisor.close();

    const agent = await browser.newPage({ storageState: storageState("agent") });
    await open(agent, receiptUrl);
    await expect(agent.getByText("Activated", { exact: true })).toBeVisible();
    await expect(agent.getByRole("button", { name: "Void and refund" })).toHaveCount(0);
    const response = await agent.request.post(receiptUrl, {
      headers: {
        "next-action": forged!.headers["next-action"]!,
        "content-type": forged!.headers["content-type"]!,
        accept: "text/x-component",
        // Without it the proxy refuses any POST (403) before the action's own checks, which this test is about.
        origin: new URL(receiptUrl).origin,
      },
      data: forged!.body,
    });
    expect(await response.text()).toContain("Your role does not allow this.");
    expect(await renewalsOf(cardId)).toEqual([expect.objectContaining({ status: "activated" })]);
    await agent.close();

    // And with no session at all: nothing changes and nothing about the renewal comes back.
    const anonymous = await playwright.request.newContext({ baseURL: new URL(receiptUrl).origin });
    const raw = await anonymous.post(receiptUrl, {
      headers: {
        "next-action": forged!.headers["next-action"]!,
        "content-type": forged!.headers["content-type"]!,
        accept: "text/x-component",
        // Without it the proxy refuses any POST (403) before the action's own checks, which this test is about.
        origin: new URL(receiptUrl).origin,
      },
      data: forged!.body,
      maxRedirects: 0,
    });
    expect(raw.status()).toBeLessThan(500);
    const body = await raw.text();
    expect(body).not.toContain(iccid);
    expect(body).not.toContain("HK$98.00");
    expect(await renewalsOf(cardId)).toEqual([expect.objectContaining({ status: "activated" })]);
    await anonymous.dispose();
  });
});
