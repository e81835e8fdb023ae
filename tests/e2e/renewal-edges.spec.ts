import { expect, test, type Page } from "@playwright/test";
import { open, reopen, storageState, withDb } from "./support";
import { sql } from "drizzle-orm";
import { createRenewal, uniqueCn } from "../helpers/factories";
import { createCardRenewedBefore } from "./keyboard-support";
import { createTestCard, hkEnd, renewalsOf, wechatReference } from "./renewal-support";

/** The second server of playwright.config.ts: same build and database, CARRIER_SIMULATION=fail. */
const carrierDown = `http://127.0.0.1:${process.env.E2E_CARRIER_DOWN_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1}`;

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });

async function fillRenewal(page: Page, reference: { method: "WeChat Pay" | "FPS"; value: string }) {
  await page.getByRole("radio", { name: /Monthly 8GB China \+ HK/ }).check();
  await page.getByRole("radio", { name: reference.method }).check();
  await page.getByLabel("Payment reference").fill(reference.value);
}

async function review(page: Page) {
  await page.getByRole("button", { name: "Review renewal" }).click();
  await expect(page.getByRole("heading", { name: "4. Review and confirm" })).toBeFocused();
}

const receiptId = (page: Page) => Number(/\/renewals\/(\d+)/.exec(page.url())![1]);

test.describe("an agent", () => {
  test.use({ storageState: storageState("agent") });

  test("sees a failed activation as not active yet on the card and in the queue; a retry after the carrier recovers activates it and releases the SMS", async ({
    page,
  }) => {
    const card = await createTestCard({ validityEnd: hkEnd(-3) });
    // The carrier is down for this server.
    await open(page, `${carrierDown}${card.renewPath}`);
    await fillRenewal(page, { method: "WeChat Pay", value: wechatReference() });
    await review(page);
    await page.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(page).toHaveURL(/\/renewals\/\d+\?done=1$/);
    const renewalId = receiptId(page);
    await expect(page.getByText("Paid — not active yet. The carrier has not activated this renewal")).toBeVisible();
    await expect(page.getByText("Renewed. The customer gets a confirmation SMS")).toHaveCount(0);

    // The carrier is back: everything below is the server whose carrier works.
    await open(page, `/customers/${card.customerId}/cards/${card.cardId}`);
    await expect(page.getByTestId("not-active-yet")).toBeVisible();
    const status = page.getByRole("region", { name: /In grace/ });
    await expect(status.getByText("Paid — not active yet", { exact: true })).toBeVisible();
    await expect(status.getByText("In grace", { exact: true })).toBeVisible();
    await expect(page.getByText(/^Active —/)).toHaveCount(0);

    await open(page, "/renewals/activation");
    const row = page.getByRole("row").filter({ hasText: `R${renewalId}` });
    await expect(row).toContainText("carrier unavailable (simulated)");
    await expect(row.getByRole("cell").nth(4)).toHaveText("1");
    await shot(page, "activation-queue");
    await row.getByRole("button", { name: `Retry R${renewalId}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 activated, 0 still failing." })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: `R${renewalId}` })).toHaveCount(0);

    await open(page, `/renewals/${renewalId}`);
    await expect(page.getByText("Activated", { exact: true })).toBeVisible();
    // The confirmation was held while the renewal was not active; now the SMS worker sends it.
    await expect(async () => {
      await reopen(page);
      await expect(page.getByRole("listitem").filter({ hasText: "Confirmation ·" })).toContainText(/·\s*sent/);
    }).toPass({ timeout: 20_000 });
    expect(await renewalsOf(card.cardId)).toEqual([expect.objectContaining({ status: "activated" })]);
  });

  test("a renewal the carrier has not activated shows as paid, not active yet, in search results and on the customer page", async ({
    page,
  }) => {
    const name = `E2E Waiting ${Date.now().toString(36)}`;
    const card = await createTestCard({ validityEnd: hkEnd(5), name });
    await withDb(async (db) => {
      const [plan] = await db.execute<{ version_id: number }>(
        sql`select current_version_id as version_id from plans where code = 'MONTHLY-8GB'`,
      );
      const renewal = await createRenewal(
        db,
        {
          cardId: card.cardId,
          planVersionId: plan!.version_id,
          previousValidityEnd: hkEnd(5),
          startsAt: hkEnd(5),
          endsAt: hkEnd(35),
        },
        { applyToCard: true },
      );
      await db.execute(sql`update renewals set status = 'paid', activated_at = null where id = ${renewal.id}`);
    });
    await open(page, `/customers?q=${encodeURIComponent(card.hk)}`);
    // One exact hit opens the card; its header says it.
    await expect(page.getByTestId("not-active-yet")).toBeVisible();
    await open(page, `/customers?q=${encodeURIComponent(name)}`);
    const result = page.getByRole("row").filter({ hasText: `Card #${card.cardId}` });
    await expect(result.getByText("Paid — not active yet", { exact: true })).toBeVisible();
    await open(page, `/customers/${card.customerId}`);
    const row = page
      .getByRole("table", { name: "The customer's cards" })
      .getByRole("row")
      .filter({ hasText: `Card #${card.cardId}` });
    await expect(row.getByText("Paid — not active yet", { exact: true })).toBeVisible();
    await expect(row.getByText(/^Active —/)).toHaveCount(0);
  });

  test("the renew page starts from the card's last plan, the number its last confirmation went to and the customer's language", async ({
    page,
  }) => {
    const card = await createCardRenewedBefore({ cn: uniqueCn() });
    await open(page, card.cardPath);
    // One action from the card page renews the same plan.
    await page.getByRole("link", { name: /^Renew the same plan \(Monthly 8GB/ }).click();
    await expect(page).toHaveURL(new RegExp(`/cards/${card.cardId}/renew\\?same=1$`));
    await expect(page.getByLabel("Payment reference")).toBeFocused();
    // The plain renew page has the same defaults, without the shortcut's focus.
    await open(page, card.renewPath);
    await expect(page.getByRole("radio", { name: /Monthly 8GB China \+ HK/ })).toBeChecked();
    await expect(page.getByLabel("Send the SMS to")).toHaveValue(card.cn!);
    await expect(page.getByLabel("SMS language")).toHaveValue("zh-Hant");
  });

  test("two tabs on one card: the second confirm is stopped and asks to acknowledge the first by name", async ({
    context,
  }) => {
    const card = await createTestCard({ validityEnd: hkEnd(20) });
    const [first, second] = [await context.newPage(), await context.newPage()];
    // A tab in the background gets no animation frames, and a click waits for two to see the button is still.
    for (const tab of [first, second]) {
      await tab.bringToFront();
      await open(tab, card.renewPath);
      await fillRenewal(tab, { method: "WeChat Pay", value: wechatReference() });
      await review(tab);
    }
    await first.bringToFront();
    await first.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(first).toHaveURL(/\/renewals\/\d+\?done=1$/);
    const firstId = receiptId(first);

    await second.bringToFront();
    await second.getByRole("button", { name: "Confirm renewal" }).click();
    const acknowledgement = second.getByRole("checkbox", {
      name: `The customer confirms they want another renewal on top of R${firstId}`,
    });
    await expect(acknowledgement).toBeVisible();
    await expect(second.getByTestId("renewal-review")).toContainText(`Receipt R${firstId}, by Amy Agent at`);
    await expect(second.getByRole("button", { name: "Confirm renewal" })).toBeDisabled();
    await expect(second).not.toHaveURL(/\/renewals\//);
    expect(await renewalsOf(card.cardId)).toHaveLength(1);
    await acknowledgement.check();
    await second.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(second).toHaveURL(/\/renewals\/\d+\?done=1$/);
    expect(await renewalsOf(card.cardId)).toHaveLength(2);
  });

  test.describe("at 1280×720", () => {
    test.use({ viewport: { width: 1280, height: 720 } });

    test("the review is in view and focused, and a refused one never shows the refused end as new", async ({
      page,
    }) => {
      const card = await createTestCard({ validityEnd: hkEnd(40) });
      await open(page, card.renewPath);
      await fillRenewal(page, { method: "WeChat Pay", value: wechatReference() });
      // Enter in the reference field reviews; it can no longer confirm a review never seen.
      await page.getByLabel("Payment reference").press("Enter");
      const heading = page.getByRole("heading", { name: "4. Review and confirm" });
      await expect(heading).toBeFocused();
      const box = await heading.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(720);
      await expect(page.getByTestId("renewal-review").getByTestId("new-validity-end")).toBeVisible();
      await shot(page, "renewal-review");

      const capped = await createTestCard({ validityEnd: hkEnd(720) });
      await open(page, capped.renewPath);
      await fillRenewal(page, { method: "WeChat Pay", value: wechatReference() });
      await review(page);
      await expect(page.getByText("This renewal cannot be made")).toBeVisible();
      await expect(page.getByTestId("new-validity-end")).toHaveCount(0);
      await expect(page.getByTestId("refused-validity-end")).toBeVisible();
      await expect(page.getByRole("button", { name: "Confirm renewal" })).toHaveCount(0);
    });
  });
});

test.describe("a supervisor", () => {
  test.use({ storageState: storageState("supervisor") });

  test("refunds a renewal the carrier never activated, though its period started, and the SMS names the method", async ({
    page,
  }) => {
    const card = await createTestCard({ validityEnd: hkEnd(-2) });
    await open(page, `${carrierDown}${card.renewPath}`);
    await fillRenewal(page, { method: "FPS", value: `FRN${Date.now()}` });
    await review(page);
    await page.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(page).toHaveURL(/\/renewals\/\d+\?done=1$/);
    const renewalId = receiptId(page);

    await open(page, `/renewals/${renewalId}`);
    await expect(page.getByText("The carrier never activated this renewal")).toBeVisible();
    await expect(page.getByLabel("Refund by")).toHaveValue("fps");
    await page.getByLabel("Refund reference").fill("frn-refund 2026 01");
    await page.getByLabel("Reason").fill("Carrier outage: the customer asked for the money back");
    await page.getByRole("button", { name: "Void and refund", exact: true }).click();
    // The dialog states the amount and the method before anything is sent.
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("HK$98.00 is refunded by FPS.");
    await dialog.getByRole("button", { name: "Void and refund HK$98.00" }).click();
    await expect(page.getByText("Voided", { exact: true }).first()).toBeVisible();
    await reopen(page);
    await expect(page.getByText("Refunded HK$98.00 · FPS")).toBeVisible();
    await expect(page.getByText("Ref. FRNREFUND202601")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "已經由轉數快退還" })).toBeVisible();
    const receipt = page.getByTestId("customer-receipt");
    await expect(receipt).toHaveAttribute("lang", "zh-Hant");
    await expect(receipt).toContainText(`收據編號R${renewalId}`);
    await receipt.screenshot({ path: "test-results/screenshots/customer-receipt-zh-hant.png" });
    expect(await renewalsOf(card.cardId)).toEqual([expect.objectContaining({ status: "voided" })]);
  });
});
