import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createStaffMember, open, reopen, signIn, storageState, withSql } from "./support";
import { createReportCard } from "./reports-support";

const DAY_MS = 86_400_000;
const hkToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function chart(page: Page, title: string | RegExp): Locator {
  return page.getByRole("region", { name: title, exact: true });
}

/** The rows of a chart's data table, opened; the last row is the total. */
async function tableRows(section: Locator): Promise<Locator> {
  const details = section.locator("details");
  if ((await details.getAttribute("open")) === null) await section.getByText("Show the data table").click();
  return section.getByRole("table").locator("tbody tr");
}

test.describe("reports as a supervisor", () => {
  test.use({ storageState: storageState("supervisor") });

  test("changing range and granularity redraws the charts from the URL", async ({ page }) => {
    // Five navigations of the reports page, each given 30 s on a busy machine: a workflow-sized timeout.
    test.setTimeout(90_000);
    await open(page, "/reports");
    const volume = chart(page, "Renewal volume by plan");
    await expect(volume.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(await tableRows(volume)).toHaveCount(30 + 1);

    await page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "7 days" }).click();
    await expect(page).toHaveURL(/range=7d/, { timeout: 30_000 });
    await expect(page.getByTestId("range-summary")).toContainText("(7 days, HKT)");
    await expect(await tableRows(volume)).toHaveCount(7 + 1);

    await page.getByRole("navigation", { name: "Group by" }).getByRole("link", { name: "Week" }).click();
    await expect(page).toHaveURL(/range=7d&granularity=week/, { timeout: 30_000 });
    const weeks = await tableRows(volume);
    await expect(weeks.first().locator("td").first()).toContainText("–");
    expect(await weeks.count()).toBeLessThanOrEqual(3);

    await page.getByRole("navigation", { name: "Split by" }).getByRole("link", { name: "Payment method" }).click();
    const byMethod = chart(page, "Renewal volume by payment method");
    await tableRows(byMethod);
    await expect(byMethod.getByRole("columnheader", { name: "WeChat Pay" })).toBeVisible();
    await expect(page).toHaveURL(/by=method/, { timeout: 30_000 });

    await page.getByLabel("From", { exact: true }).fill("2026-01-01");
    await page.getByLabel("To", { exact: true }).fill("2026-03-31");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/range=custom.*from=2026-01-01&to=2026-03-31/, { timeout: 30_000 });
    await expect(page.getByTestId("range-summary")).toContainText("2026-01-01 to 2026-03-31 (90 days, HKT)");
  });

  test("a renewal made in the flow shows up in today's bucket", async ({ page, browser }) => {
    const seller = await createStaffMember("agent");
    const card = await createReportCard({
      validityEnd: new Date(Date.now() + 10 * DAY_MS),
      nameEn: "E2E Report Renewal",
    });
    const [sellerName] = await withSql((sql) => sql`select name from staff where email = ${seller.email}`);
    await open(page, "/reports?range=7d&by=agent");
    const volume = chart(page, "Renewal volume by agent");
    await expect(volume.getByRole("columnheader", { name: sellerName!.name })).toHaveCount(0);

    // The seller renews through the real flow in their own browser.
    const sellerPage = await browser.newPage({ storageState: { cookies: [], origins: [] } });
    await signIn(sellerPage, seller.email, seller.password);
    await expect(sellerPage).toHaveURL(/\/customers/);
    await open(sellerPage, `/customers/${card.customerId}/cards/${card.cardId}/renew`);
    await sellerPage.getByRole("radio", { name: /Monthly 8GB China \+ HK/ }).check();
    await sellerPage.getByRole("radio", { name: "Cash" }).check();
    await sellerPage.getByRole("button", { name: "Review renewal" }).click();
    await sellerPage.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(sellerPage).toHaveURL(/\/renewals\/\d+/);
    await sellerPage.close();
    await reopen(page);
    const rows = await tableRows(volume);
    const header = volume.getByRole("columnheader");
    const column = (await header.allTextContents()).indexOf(sellerName!.name);
    expect(column).toBeGreaterThan(0);
    // Today's bucket is still filling up, and says so.
    const today = rows.filter({ has: page.getByRole("cell", { name: `${hkToday()} (so far)`, exact: true }) });
    await expect(today.locator("td").nth(column)).toHaveText("1");
  });

  test("each chart's data downloads as CSV", async ({ page }) => {
    await open(page, "/reports?range=7d");
    for (const [title, header] of [
      ["Renewal volume by plan", "Day,"],
      ["Revenue", "Day,Revenue (HKD),Revenue (CNY)"],
      ["Expirations ahead", "Day,Not yet renewed,Already renewed,Total"],
    ] as const) {
      const downloading = page.waitForEvent("download");
      await chart(page, title).getByRole("link", { name: "Download CSV" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const text = await readFile((await download.path())!, "utf8");
      const lines = text
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      expect(lines[0]).toContain(header);
      expect(lines.length).toBe(title === "Expirations ahead" ? 91 : 8);
    }
    await page.screenshot({ path: "test-results/screenshots/reports-supervisor.png", fullPage: true });
  });
});

test.describe("reports as an agent", () => {
  test.use({ storageState: storageState("agent") });

  test("shows volume but no revenue, and the server refuses the revenue CSV and the money exports", async ({
    page,
  }) => {
    await open(page, "/reports");
    await expect(chart(page, "Renewal volume by plan")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Revenue" })).toHaveCount(0);
    await expect(page.getByText(/Revenue in (HKD|CNY)/)).toHaveCount(0);
    // The page (HTML and RSC payload) carries no money at all, not just no chart.
    expect(await page.content()).not.toMatch(/HK\$|CN¥|revenueMinor/);
    const refused = await page.request.get("/reports/export/revenue?range=30d");
    expect(refused.status()).toBe(403);
    const allowed = await page.request.get("/reports/export/volume?range=30d");
    expect(allowed.status()).toBe(200);
    // The money exports and background export files check the permission in the route itself.
    for (const path of [
      "/reconciliation/exports/payments?from=2026-01-01&to=2026-01-31",
      "/reconciliation/exports/jobs/1",
    ]) {
      const money = await page.request.get(path, { maxRedirects: 0 });
      expect({ path, status: money.status() }).toEqual({ path, status: 403 });
      expect(await money.text()).not.toMatch(/,|<html/);
    }
    await page.screenshot({ path: "test-results/screenshots/reports-agent.png", fullPage: true });
  });

  test("the worklist queues reminders once per threshold and links into the renewal flow", async ({ page }) => {
    // Just inside grace and about to lapse: the oldest validity ends, so first in the grace window.
    const tag = Date.now().toString(36);
    const ended = new Date(Date.now() - 30 * DAY_MS + 3_600_000);
    const cards = [
      await createReportCard({ validityEnd: ended, nameEn: `E2E Reminder One ${tag}` }),
      await createReportCard({ validityEnd: new Date(ended.getTime() + 1000), nameEn: `E2E Reminder Two ${tag}` }),
    ];
    await open(page, "/reports/expiring?window=grace");
    await expect(page.getByRole("link", { name: "In grace" })).toHaveAttribute("aria-current", "true");
    for (const name of [`E2E Reminder One ${tag}`, `E2E Reminder Two ${tag}`])
      await page.getByRole("checkbox", { name: new RegExp(`Select card ${name}`) }).check();
    await expect(page.getByText("2 cards selected")).toBeVisible();
    await page.getByRole("button", { name: "Send reminder SMS" }).click();
    // Nothing is sent until the dialog that says how many is confirmed.
    const confirm = page.getByRole("alertdialog", { name: "Send a reminder SMS to 2 cards?" });
    await confirm.getByRole("button", { name: "Send 2 reminders" }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 reminders queued." })).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(`E2E Reminder One ${tag}`) });
    // The notification worker inside the server may already have sent it.
    await expect(row).toContainText(/Expiry reminder · (queued|sent)/);

    await row.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Send reminder SMS" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Send 1 reminder" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "No reminders queued. 1 card already had this reminder." }),
    ).toBeVisible();
    const [counts] = await withSql(
      (
        sql,
      ) => sql`select (select count(*)::int from notifications where kind = 'expiry_reminder' and card_id in ${sql(cards.map((c) => c.cardId))}) as sms,
        (select count(*)::int from audit_log where action = 'card.expiry_reminder' and entity_id in ${sql(cards.map((c) => String(c.cardId)))}) as audit`,
    );
    expect(counts).toEqual({ sms: 2, audit: 2 });
    await page.screenshot({ path: "test-results/screenshots/reports-worklist.png" });

    await row.getByRole("link", { name: /^Renew card/ }).click();
    // The rest of the worklist rides along for "next in the worklist" on the receipt.
    await expect(page).toHaveURL(
      new RegExp(`/customers/${cards[0]!.customerId}/cards/${cards[0]!.cardId}/renew(\\?queue=[\\d.-]+)?$`),
    );
    // The second card ends after the first, so it is in the queue; the receipt offers the queue's first card next.
    const queue = new URL(page.url()).searchParams.get("queue") ?? "";
    expect(queue).toContain(`${cards[1]!.customerId}-${cards[1]!.cardId}`);
    await page.getByRole("radio", { name: /Monthly 8GB China \+ HK/ }).check();
    await page.getByRole("radio", { name: "Cash" }).check();
    await page.getByRole("button", { name: "Review renewal" }).click();
    await page.getByRole("button", { name: "Confirm renewal" }).click();
    await expect(page).toHaveURL(new RegExp(`/renewals/\\d+\\?done=1&queue=${queue.replaceAll(".", "\\.")}$`));
    const [customerId, cardId] = queue.split(".")[0]!.split("-");
    await expect(page.getByRole("link", { name: "Next in the worklist →" })).toHaveAttribute(
      "href",
      new RegExp(`^/customers/${customerId}/cards/${cardId}/renew`),
    );
  });
});
