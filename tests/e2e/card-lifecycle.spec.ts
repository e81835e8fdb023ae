import { expect, test, type Browser, type Page } from "@playwright/test";
import { formatHkt } from "@/lib/domain/format";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { newIccid, newReference, uniqueHk } from "../helpers/factories";
import { createTestCard, hkEnd } from "./renewal-support";
import { type DemoRole, open, reopen, storageState, withSql } from "./support";

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

/** The same page in 简体中文, for its screenshot. */
async function shotZh(page: Page, name: string) {
  await page.context().addCookies([{ name: "locale", value: "zh-Hans", url: page.url() }]);
  await reopen(page);
  await shot(page, `${name}-zh-Hans`);
  await page.context().clearCookies({ name: "locale" });
  await reopen(page);
}

async function pageAs(browser: Browser, role: DemoRole) {
  const context = await browser.newContext({ storageState: storageState(role) });
  return context.newPage();
}

test("the worklist lists a suspended card ending today apart from the calls, with why, by whom and since when", async ({
  browser,
}) => {
  const page = await pageAs(browser, "agent");
  const name = `E2E Suspended ${Date.now().toString(36)}`;
  const card = await createTestCard({ validityEnd: hkEnd(0), name });
  const since = new Date(Date.now() - 2 * 86_400_000);
  await withSql(
    (sql) => sql`update cards set suspended_at = ${since.toISOString()}, suspension_reason = 'lost',
      suspended_by = (select id from staff where email = 'agent@example.com') where id = ${card.cardId}`,
  );
  await open(page, "/reports/expiring?window=1");
  const item = page.getByRole("listitem").filter({ hasText: `Card #${card.cardId}` });
  await expect(item).toContainText(name);
  await expect(item).toContainText(`Lost · Amy Agent · since ${formatHkt(since, { dateOnly: true })}`);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: name })).toHaveCount(0);
  await shot(page, "worklist-suspended");
});

test.describe("card lifecycle", () => {
  // Each is a whole desk workflow (several pages, the carrier, a renewal): longer than one page's default.
  test.describe.configure({ timeout: 90_000 });

  test("an agent suspends a lost card, replaces it with a new ICCID paid by WeChat Pay, and the new card keeps numbers, validity and balance", async ({
    browser,
  }) => {
    const page = await pageAs(browser, "agent");
    const card = await createTestCard({ validityEnd: hkEnd(20), storedValueMinor: 12_000 });
    const cardPath = `/customers/${card.customerId}/cards/${card.cardId}`;
    await open(page, cardPath);

    await page.getByRole("link", { name: "Suspend…" }).click();
    await expect(page.getByRole("heading", { name: `Suspend card #${card.cardId}` })).toBeVisible();
    await expect(page.getByRole("radio", { name: /Suspected fraud/ })).toBeDisabled();
    await page.getByRole("radio", { name: "Lost", exact: true }).check();
    await page.getByLabel("Ticket reference").fill("TCK-E2E-1");
    await shot(page, "lifecycle-suspend");
    await shotZh(page, "lifecycle-suspend");
    await page.getByRole("radio", { name: "Lost", exact: true }).check();
    await page.getByLabel("Ticket reference").fill("TCK-E2E-1");
    await page.getByRole("button", { name: "Suspend card" }).click();

    await expect(page).toHaveURL(new RegExp(`${cardPath}\\?lifecycle=suspended$`));
    await expect(page.getByText("Card suspended. The carrier is being told.")).toBeVisible();
    await expect(page.getByTestId("suspension")).toContainText("Suspended (Lost) since");
    await expect(page.getByTestId("suspension")).toContainText("Amy Agent");
    await expect(page.getByRole("button", { name: "Renew", exact: true })).toBeDisabled();
    await expect(page.getByTestId("lifecycle-carrier")).toContainText("Carrier: suspension confirmed");
    await shot(page, "lifecycle-card-suspended");

    await page.getByRole("link", { name: "Replace SIM…" }).click();
    await expect(page.getByRole("heading", { name: `Replace the SIM of card #${card.cardId}` })).toBeVisible();
    await expect(page.getByRole("radio", { name: "Lost", exact: true })).toBeChecked();
    await expect(page.getByTestId("fee")).toHaveText("HK$50.00 or CN¥45.00");
    const iccid = newIccid();
    const typo = iccid.slice(0, -1) + String((Number(iccid.at(-1)) + 1) % 10);
    await page.getByLabel("New ICCID").fill(typo);
    await page.getByRole("radio", { name: "WeChat Pay" }).check();
    await page.getByLabel("Payment reference").fill(newReference());
    await page.getByRole("button", { name: "Replace SIM" }).click();
    await expect(page.getByLabel("New ICCID")).toHaveAccessibleDescription(/The check digit does not match/);
    // A typo writes nothing: the card is still the customer's only one.
    expect(await cardsOf(card.customerId)).toHaveLength(1);

    await page.getByLabel("New ICCID").fill(iccid);
    await page.getByRole("radio", { name: "WeChat Pay" }).check();
    const reference = newReference();
    await page.getByLabel("Payment reference").fill(reference);
    await shot(page, "lifecycle-replace");
    await page.getByRole("button", { name: "Replace SIM" }).click();

    await expect(page).toHaveURL(/\/cards\/\d+\?lifecycle=replaced$/);
    await expect(
      page.getByText("SIM replaced: this card now has the numbers, validity, data and balance."),
    ).toBeVisible();
    const [, newCard] = await cardsOf(card.customerId);
    expect(newCard).toMatchObject({ iccid, replaced_at: null });
    await expect(page.getByRole("heading", { name: /Active —/ })).toBeVisible();
    await expect(page.getByText(formatMsisdn(card.hk), { exact: true }).first()).toBeVisible();
    await expect(page.getByText(formatHkt(hkEnd(20))).first()).toBeVisible();
    await expect(page.getByTestId("stored-value")).toHaveText("HK$120.00");
    await expect(page.getByText(`Replacement for card #${card.cardId} (Lost)`)).toBeVisible();
    await expect(page.getByTestId("lifecycle-history")).toContainText("Fee HK$50.00");
    await shot(page, "lifecycle-card-replacement");
    await shotZh(page, "lifecycle-card-replacement");
    expect(await feePayment(newCard!.id)).toEqual([{ method: "wechat_pay", reference, amount_minor: 5000 }]);

    // The old ICCID still finds the customer and says which card replaced it.
    await open(page, `/customers?q=${card.iccid}`);
    await expect(page).toHaveURL(new RegExp(`${cardPath}$`));
    await expect(page.getByTestId("replaced-by")).toHaveText(/Replaced by card #\d+ on/);
    await expect(page.getByRole("heading", { name: /^Replaced — / })).toBeVisible();
    await shot(page, "lifecycle-card-replaced");
    await page.context().close();
  });

  test("a supervisor lifts a fraud suspension that an agent cannot", async ({ browser }) => {
    const card = await createTestCard({ validityEnd: hkEnd(15) });
    await withSql(async (sql) => {
      await sql`update cards set suspended_at = now(), suspension_reason = 'fraud' where id = ${card.cardId}`;
      await sql`insert into card_suspensions (card_id, reason, note, suspended_at) values (${card.cardId}, 'fraud', 'Three chargebacks', now())`;
    });
    const cardPath = `/customers/${card.customerId}/cards/${card.cardId}`;

    const agent = await pageAs(browser, "agent");
    await open(agent, cardPath);
    await expect(agent.getByTestId("suspension")).toContainText("Suspended (Suspected fraud)");
    await expect(agent.getByText("Only a supervisor may lift this suspension.")).toBeVisible();
    await expect(agent.getByRole("link", { name: "Lift suspension…" })).toHaveCount(0);
    await open(agent, `${cardPath}/lift`);
    await expect(agent.getByRole("button", { name: "Lift suspension" })).toHaveCount(0);
    await agent.context().close();

    const supervisor = await pageAs(browser, "supervisor");
    await open(supervisor, cardPath);
    await supervisor.getByRole("link", { name: "Lift suspension…" }).click();
    await expect(supervisor.getByText("Suspended for Suspected fraud since")).toBeVisible();
    await shot(supervisor, "lifecycle-lift");
    await shotZh(supervisor, "lifecycle-lift");
    await supervisor.getByRole("button", { name: "Lift suspension" }).click();
    await expect(supervisor.getByLabel("Reason for lifting")).toHaveAccessibleDescription(/this reason needs one/);
    await supervisor.getByLabel("Reason for lifting").fill("Risk team cleared the chargebacks");
    await supervisor.getByRole("button", { name: "Lift suspension" }).click();
    await expect(supervisor).toHaveURL(new RegExp(`${cardPath}\\?lifecycle=lifted$`));
    await expect(supervisor.getByText("Suspension lifted. The carrier is being told.")).toBeVisible();
    await expect(supervisor.getByRole("heading", { name: /Active —/ })).toBeVisible();
    await expect(supervisor.getByRole("link", { name: "Renew", exact: true })).toBeVisible();
    await supervisor.context().close();
  });

  test("an expired card gets a new card with new numbers and its first renewal in one flow", async ({ browser }) => {
    const page = await pageAs(browser, "agent");
    const card = await createTestCard({ validityEnd: hkEnd(-45), storedValueMinor: 4500 });
    await open(page, `/customers/${card.customerId}/cards/${card.cardId}`);
    await expect(page.getByTestId("numbers-released")).toContainText("The numbers were released when grace ended on");
    await expect(page.getByTestId("stored-value-forfeited")).toContainText("Stored value of HK$45.00 was forfeited on");
    await shot(page, "lifecycle-card-expired");
    await shotZh(page, "lifecycle-card-expired");

    await page.getByRole("link", { name: "New card for this customer…" }).click();
    await expect(
      page.getByRole("heading", { name: `New card for the customer of card #${card.cardId}` }),
    ).toBeVisible();
    await page.getByLabel("New ICCID").fill(newIccid());
    await page.getByLabel("New Hong Kong number (+852)").fill(card.hk.slice(4));
    await page.getByRole("button", { name: "Issue card and renew" }).click();
    // Its own old number was released at the end of grace: it may be issued again; a live card's may not.
    await expect(page).toHaveURL(/\/cards\/\d+\/renew\?first=1$/);

    const hk = uniqueHk();
    const other = await createTestCard({ validityEnd: hkEnd(-60) });
    await open(page, `/customers/${other.customerId}/cards/${other.cardId}/new-card`);
    await page.getByLabel("New ICCID").fill(newIccid());
    const live = await createTestCard({ validityEnd: hkEnd(10) });
    await page.getByLabel("New Hong Kong number (+852)").fill(live.hk);
    await page.getByRole("button", { name: "Issue card and renew" }).click();
    await expect(page.getByLabel("New Hong Kong number (+852)")).toHaveAccessibleDescription(
      new RegExp(`is in use on card #${live.cardId}`),
    );
    await page.getByLabel("New ICCID").fill(newIccid());
    await page.getByLabel("New Hong Kong number (+852)").fill(`${hk.slice(0, 4)} ${hk.slice(4)}`);
    await shot(page, "lifecycle-new-card");
    await shotZh(page, "lifecycle-new-card");
    await page.getByLabel("New ICCID").fill(newIccid());
    await page.getByLabel("New Hong Kong number (+852)").fill(`${hk.slice(0, 4)} ${hk.slice(4)}`);
    await page.getByRole("button", { name: "Issue card and renew" }).click();

    await expect(page).toHaveURL(/\/cards\/\d+\/renew\?first=1$/);
    await page.getByRole("radio", { name: /Monthly 8GB China \+ HK/ }).check();
    await page.getByLabel("Payment reference").fill(newReference());
    await page.getByRole("button", { name: "Review renewal" }).click();
    await expect(page.getByTestId("renewal-review")).toBeVisible();
    await page.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(page).toHaveURL(/\/renewals\/\d+\?done=1$/);
    await page.getByRole("link", { name: "Back to the card" }).click();
    await expect(page.getByRole("heading", { name: /Active —/ })).toBeVisible();
    await expect(page.getByText(formatMsisdn(`+852${hk}`), { exact: true }).first()).toBeVisible();
    await expect(page.getByText(`New card for the customer of expired card #${other.cardId}`)).toBeVisible();
    await page.context().close();
  });
});

async function cardsOf(customerId: number) {
  return withSql(
    (sql) =>
      sql<{ id: number; iccid: string; replaced_at: Date | null }[]>`
        select id, iccid, replaced_at from cards where customer_id = ${customerId} order by id`,
  );
}

async function feePayment(cardId: number) {
  return withSql(
    (sql) => sql<{ method: string; reference: string; amount_minor: number }[]>`
      select method, reference, amount_minor from payments where card_id = ${cardId} and purpose = 'replacement_fee'`,
  );
}
