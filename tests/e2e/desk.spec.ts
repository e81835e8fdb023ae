import { expect, test, type APIRequest, type Page, type Request } from "@playwright/test";
import { DAY_MS, hkDay, hkEndOfDay } from "@/lib/domain/time";
import { createCustomerWithCard, createRenewal } from "../helpers/factories";
import { screenshot } from "./lookup-support";
import { open, storageState, withDb, withSql } from "./support";

/** A cardholder of this test's own (preferred language given), valid for `days` more days. */
async function holder(
  options: { days?: number; minutes?: number; language?: "en" | "zh-Hant"; storedValue?: number } = {},
) {
  const name = `E2E Desk ${Math.random().toString(36).slice(2, 8)}`;
  const validityEnd = new Date(
    Date.now() + (options.minutes ? options.minutes * 60_000 : (options.days ?? 20) * DAY_MS),
  );
  const card = await withDb((db) =>
    createCustomerWithCard(db, {
      nameZh: null,
      nameEn: name,
      preferredLanguage: options.language ?? "zh-Hant",
      storedValue: options.storedValue ?? 0,
      validityEnd,
    }),
  );
  return { ...card, name, path: `/customers/${card.customerId}/cards/${card.cardId}` };
}

/** What a forged replay must not change: the card, its goodwill, ledger, messages and audit rows. */
const footprint = (cardId: number) =>
  withSql(
    (sql) => sql`
    select c.validity_end::text, c.stored_value_hkd_minor,
      (select count(*)::int from goodwill_extensions where card_id = ${cardId}) as goodwill,
      (select count(*)::int from stored_value_ledger where card_id = ${cardId}) as ledger,
      (select count(*)::int from notifications where card_id = ${cardId}) as sms,
      (select count(*)::int from audit_log where entity_type = 'card' and entity_id = ${String(cardId)}) as audit
    from cards c where c.id = ${cardId}`,
  );

function captureActions(page: Page): Request[] {
  const calls: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) calls.push(request);
  });
  return calls;
}

/** Replays a captured server-action POST as the demo agent. */
async function replayAsAgent(playwright: { request: APIRequest }, baseURL: string, call: Request) {
  const agent = await playwright.request.newContext({ baseURL, storageState: storageState("agent") });
  try {
    const response = await agent.post(call.url(), {
      headers: {
        "next-action": call.headers()["next-action"]!,
        "content-type": call.headers()["content-type"]!,
        accept: "text/x-component",
        origin: new URL(baseURL).origin,
      },
      data: call.postDataBuffer()!,
      maxRedirects: 0,
    });
    return await response.text();
  } finally {
    await agent.dispose();
  }
}

test.describe("as a supervisor", () => {
  test.use({ storageState: storageState("supervisor") });

  test("grants a goodwill extension, the customer's SMS is queued, and an agent's forged confirm is refused", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const card = await holder({ language: "en" });
    const calls = captureActions(page);
    await open(page, card.path);
    await page.getByRole("link", { name: "Goodwill extension" }).click();
    await expect(page).toHaveURL(/\/goodwill$/);
    await page.getByLabel("Days", { exact: true }).fill("5");
    await page.getByLabel("Ticket reference").fill("ZD-E2E-GW");
    await page.getByRole("button", { name: "Review" }).click();
    await expect(page.getByTestId("goodwill-new-end")).toBeVisible();
    await screenshot(page, "desk-goodwill-review");
    await page.getByRole("button", { name: "Confirm extension" }).click();
    await expect(page.getByText(/Extended by 5 days/)).toBeVisible();

    const [sms] = await withSql(
      (sql) =>
        sql`select kind, language, body, status from notifications where card_id = ${card.cardId} order by id desc limit 1`,
    );
    expect(sms).toMatchObject({ kind: "goodwill_extension", language: "en" });
    expect(sms!.body).toContain("5 days");

    await open(page, card.path);
    await expect(page.getByRole("list", { name: "Goodwill extensions" })).toContainText("+5 days");
    await screenshot(page, "desk-card-page");

    const confirm = calls.filter((c) => (c.postData() ?? "").includes("idempotencyKey")).at(-1)!;
    expect(confirm).toBeDefined();
    const before = await footprint(card.cardId);
    const text = await replayAsAgent(playwright, baseURL!, confirm);
    expect(text).toContain("Your role does not allow this.");
    expect(await footprint(card.cardId)).toEqual(before);
  });

  test("corrects stored value with a reason, and an agent's forged correction is refused", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const card = await holder({ storedValue: 5000 });
    const calls = captureActions(page);
    await open(page, `${card.path}/stored-value`);
    await page.getByLabel("Direction").selectOption("subtract");
    await page.getByLabel("Amount (HKD)").fill("60");
    await page.getByLabel("Reason").fill("would go below zero");
    await page.getByRole("button", { name: "Apply correction" }).click();
    await expect(page.getByText(/may not take it below zero/).first()).toBeVisible();
    await page.getByLabel("Amount (HKD)").fill("20");
    await page.getByLabel("Reason").fill("double top-up");
    await page.getByRole("button", { name: "Apply correction" }).click();
    await expect(page.getByText("Corrected: the balance is now HK$30.00.")).toBeVisible();
    await screenshot(page, "desk-stored-value");

    const correction = calls.at(-1)!;
    const before = await footprint(card.cardId);
    const text = await replayAsAgent(playwright, baseURL!, correction);
    expect(text).toContain("Your role does not allow this.");
    expect(await footprint(card.cardId)).toEqual(before);
  });

  test("runs an outage extension for selected cards in the background, with a progress bar", async ({ page }) => {
    const cards = [await holder(), await holder()];
    await open(page, `/goodwill?cardIds=${cards.map((c) => c.cardId).join(",")}`);
    await page.getByLabel("Days", { exact: true }).fill("2");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("bulk-count")).toHaveText("2 cards will be extended by 2 days.");
    await screenshot(page, "desk-bulk-preview");
    await page.getByRole("button", { name: "Confirm and start" }).click();
    // A dialog states what will happen before anything starts; cancelling starts nothing.
    const dialog = page.getByRole("alertdialog", { name: "Extend 2 cards by 2 days?" });
    await expect(dialog).toContainText("Each card's validity end moves 2 days later and its customer gets an SMS.");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await screenshot(page, "desk-bulk-confirm");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/goodwill\?/);
    await page.getByRole("button", { name: "Confirm and start" }).click();
    await dialog.getByRole("button", { name: "Extend 2 cards" }).click();
    await expect(page).toHaveURL(/\/goodwill\/jobs\/\d+/);
    await expect(page.getByRole("progressbar")).toBeVisible();
    await expect(page.getByTestId("job-progress")).toHaveText("2 of 2 cards · 100%", { timeout: 20_000 });
    await screenshot(page, "desk-bulk-job");
    const rows = await withSql(
      (sql) =>
        sql`select count(*)::int as n from goodwill_extensions where card_id in ${sql(cards.map((c) => c.cardId))}`,
    );
    expect(rows[0]!.n).toBe(2);
  });
});

test.describe("as an agent", () => {
  test.use({ storageState: storageState("agent") });

  test("tops up HK$200 by FPS: the balance and the ledger show it", async ({ page }) => {
    const card = await holder({ storedValue: 1000 });
    await open(page, card.path);
    await page.getByRole("link", { name: "Top up stored value" }).click();
    await page.getByLabel("Amount (HKD)").fill("200");
    await page.getByLabel("Paid by").selectOption("fps");
    await page.getByLabel("Payment reference").fill(`FRN-E2E-${card.cardId}`);
    await page.getByRole("button", { name: "Top up" }).click();
    await expect(page).toHaveURL(/\/payments\/\d+\?done=1/);
    await expect(page.getByTestId("receipt-amount")).toHaveText("HK$200.00");
    await screenshot(page, "desk-top-up-receipt");
    await page.getByRole("link", { name: "Back to the card" }).click();
    await expect(page.getByTestId("stored-value")).toHaveText("HK$210.00");
    await open(page, `${card.path}/stored-value`);
    const ledger = page.getByRole("table", { name: "Ledger" });
    await expect(ledger.getByRole("row").nth(1)).toContainText("+HK$200.00");
    await expect(ledger.getByRole("row").nth(1)).toContainText("HK$210.00");
    await expect(page.getByRole("heading", { name: "Correction (supervisor)" })).toHaveCount(0);
  });

  test("edits the preferred language, and the next SMS uses it", async ({ page }) => {
    const card = await holder({ language: "zh-Hant" });
    await open(page, `/customers/${card.customerId}`);
    await page.getByRole("link", { name: "Edit profile" }).click();
    await page.getByLabel("Preferred language").selectOption("en");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
    await page.getByLabel("Email").fill("desk-e2e@example.test");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved.")).toBeVisible();
    await screenshot(page, "desk-profile");

    await open(page, `${card.path}/top-up`);
    await page.getByLabel("Amount (HKD)").fill("50");
    await page.getByLabel("Paid by").selectOption("cash");
    await page.getByRole("button", { name: "Top up" }).click();
    await expect(page).toHaveURL(/\/payments\/\d+\?done=1/);
    const [sms] = await withSql(
      (sql) => sql`select language, body from notifications where card_id = ${card.cardId} order by id desc limit 1`,
    );
    expect(sms).toMatchObject({ language: "en" });
    expect(sms!.body).toContain("was added to your card's stored value");
  });

  test("a call outcome logged from the worklist with one key appears on the customer's timeline", async ({ page }) => {
    // Window 1 is the rest of today in Hong Kong: the card ends within it, 20 minutes from now or
    // just before midnight; in a day's last 2 minutes the test waits for the next day.
    test.setTimeout(180_000);
    const minutesLeftToday = () => (hkEndOfDay(hkDay(new Date())).getTime() - Date.now()) / 60_000;
    if (minutesLeftToday() < 2) await page.waitForTimeout(minutesLeftToday() * 60_000 + 2_000);
    const card = await holder({ minutes: Math.min(20, minutesLeftToday() - 1) });
    await open(page, "/reports/expiring?window=1");
    const row = page.getByRole("row", { name: `Log call outcome for ${card.name}` });
    await row.focus();
    await page.keyboard.press("p");
    await expect(page.getByText(`Promised to renew logged for ${card.name}.`)).toBeVisible();
    await screenshot(page, "desk-worklist");
    await open(page, `/customers/${card.customerId}`);
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline).toContainText("Promised to renew · Phone");
    await screenshot(page, "desk-customer-timeline");
  });

  test("records a pending real-name with its deadline, and the card counts down to it", async ({ page }) => {
    const card = await holder();
    await open(page, card.path);
    await page.getByRole("link", { name: /^Edit real-name of/ }).click();
    await page.getByLabel("Status").selectOption("pending");
    await page.getByLabel("Document type").selectOption("home_return_permit");
    // The field cannot even hold a whole document number.
    await page.getByLabel("Last 4 characters").fill("H1234567");
    await expect(page.getByLabel("Last 4 characters")).toHaveValue("H123");
    await page.getByRole("button", { name: "Save real-name status" }).click();
    await expect(page.getByText("A pending registration needs a deadline.")).toBeVisible();
    await page.getByLabel("Last 4 characters").fill("567a");
    const deadline = new Date(Date.now() + 8 * 60 * 60_000 + 10 * DAY_MS).toISOString().slice(0, 10);
    await page.getByLabel("Deadline (Hong Kong date)").fill(deadline);
    await page.getByRole("button", { name: "Save real-name status" }).click();
    await expect(page.getByText("Real-name status saved.")).toBeVisible();
    await screenshot(page, "desk-real-name");
    await page.getByRole("link", { name: "Back to the card" }).click();
    await expect(page.getByText(/10 days left/)).toBeVisible();
    await expect(page.getByText("回鄉證 Home Return Permit ••••567A")).toBeVisible();
  });

  test("resends a confirmation SMS with the ticket and channel, and the audit row keeps them", async ({ page }) => {
    const card = await holder();
    const renewalId = await withSql(async (sql) => {
      const [plan] = await sql`select current_version_id as version_id from plans where code = 'MONTHLY-8GB'`;
      const renewal = await withDb((db) =>
        createRenewal(db, { cardId: card.cardId, planVersionId: plan!.version_id }, { applyToCard: true }),
      );
      await sql`insert into notifications (kind, card_id, renewal_id, to_msisdn, language, body, dedupe_key, status, attempts, sent_at)
        values ('renewal_confirmation', ${card.cardId}, ${renewal.id}, ${card.msisdn}, 'zh-Hant', '中港通：您的卡已續費。',
          ${`renewal:${renewal.id}:confirmation`}, 'sent', 1, now())`;
      return renewal.id;
    });
    await open(page, `/renewals/${renewalId}`);
    const opener = page.getByRole("button", { name: "Resend…" });
    await opener.click();
    // The fields open with focus on the first; Escape closes them and gives focus back.
    await expect(page.getByLabel("Ticket reference")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(opener).toBeFocused();
    await opener.click();
    await page.getByLabel("Ticket reference").fill("ZD-77123");
    await page.getByLabel("Channel").selectOption({ label: "WhatsApp" });
    await page.getByLabel("Note").fill("Customer deleted the first SMS");
    await screenshot(page, "resend-with-contact");
    await page.getByRole("button", { name: "Resend the SMS" }).click();
    await expect(page.getByText("A copy is queued.").first()).toBeVisible();
    const audit = await withSql(
      (sql) => sql`select a.ticket_ref, a.contact_channel, a.contact_note from audit_log a
        join notifications n on a.entity_type = 'notification' and a.entity_id = n.id::text
        where a.action = 'notification.resend' and n.card_id = ${card.cardId}`,
    );
    expect(audit).toEqual([
      { ticket_ref: "ZD-77123", contact_channel: "whatsapp", contact_note: "Customer deleted the first SMS" },
    ]);
    const copies = await withSql(
      (sql) => sql`select kind, status from notifications where card_id = ${card.cardId} order by id`,
    );
    expect(copies).toHaveLength(2);
  });

  test("is refused the goodwill page", async ({ page }) => {
    const card = await holder();
    await open(page, card.path);
    await expect(page.getByRole("link", { name: "Goodwill extension" })).toHaveCount(0);
    const response = await open(page, `${card.path}/goodwill`);
    expect(response?.status()).toBe(403);
  });
});
