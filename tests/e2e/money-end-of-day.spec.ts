import { expect, test } from "@playwright/test";
import { createPlan, createRenewal, newReference, wechatPayBill } from "../helpers/factories";
import { screenshot } from "./lookup-support";
import { createStaffMember, open, reopen, signIn, storageState, withDb, withSql } from "./support";

/** Two WeChat Pay renewals of this test's own, paid just now in CNY. */
async function wechatPayments() {
  return withDb(async (db) => {
    const plan = await createPlan(db);
    const made = [];
    for (const amountMinor of [8800, 24500]) {
      const reference = newReference();
      await createRenewal(db, {
        planVersionId: plan.planVersionId,
        method: "wechat_pay",
        reference,
        priceMinor: amountMinor,
        currency: "CNY",
        createdAt: new Date(Date.now() - 60_000),
      });
      made.push({ reference, amountMinor, at: new Date(Date.now() - 60_000) });
    }
    return made;
  });
}

test.describe("settlement import", () => {
  test.use({ storageState: storageState("supervisor") });

  test("a supervisor uploads a WeChat Pay bill, sees the one mismatch and resolves it; the same file again is refused", async ({
    page,
  }) => {
    const [matched, differs] = await wechatPayments();
    const bill = wechatPayBill([
      { at: matched!.at, reference: matched!.reference, amountMinor: matched!.amountMinor },
      // The provider settled HK$5 more than the console recorded.
      { at: differs!.at, reference: differs!.reference, amountMinor: differs!.amountMinor + 500 },
    ]);
    const file = { name: "wechat-bill-e2e.csv", mimeType: "text/csv", buffer: Buffer.from(bill, "utf8") };

    await open(page, "/reconciliation");
    await expect(page.getByRole("heading", { name: "Reconciliation", level: 1 })).toBeVisible();
    await page.getByLabel("Format").selectOption("wechat_pay");
    await page.getByLabel("File", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("heading", { name: "Preview of wechat-bill-e2e.csv" })).toBeVisible();
    await expect(page.getByTestId("preview-lines")).toHaveText("2");
    await expect(page.getByRole("cell", { name: "CN¥338.00" })).toBeVisible();
    await screenshot(page, "reconciliation-import-preview");

    await page.getByRole("button", { name: "Import 2 lines" }).click();
    await expect(page).toHaveURL(/\/reconciliation\/\d+\?imported=1/);
    await expect(page.getByTestId("count-matched")).toHaveText("1");
    await expect(page.getByTestId("count-amount_differs")).toHaveText("1");
    const fileUrl = page.url().split("?")[0]!;

    await page.getByRole("link", { name: /^Exceptions/ }).click();
    const row = page.locator("tr[data-outcome='amount_differs']");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("CN¥250.00");
    await expect(row).toContainText("CN¥245.00");
    await screenshot(page, "reconciliation-exceptions");

    await row.getByRole("link", { name: /^Resolve/ }).click();
    await page.getByLabel("Resolution").selectOption("written_off");
    await page.getByLabel("Note").fill("Customer paid HK$5 extra by mistake; refunded in WeChat directly");
    // Counted from here: a repeated run (E2E_REPEAT) finds the earlier runs' resolutions too.
    const [before] = await withSql((sql) => sql`select coalesce(max(id), 0)::bigint::text as id from audit_log`);
    await page.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByText("Resolved by Sam Supervisor")).toBeVisible();
    const [audit] = await withSql(
      (sql) =>
        sql`select count(*)::int as n from audit_log where id > ${before!.id} and action = 'settlement.resolve' and contact_note like 'Customer paid HK$5 extra%'`,
    );
    expect(audit!.n).toBe(1);

    await open(page, fileUrl);
    await expect(page.getByTestId("count-amount_differs")).toHaveText("1");
    await open(page, "/reconciliation");
    await page.getByLabel("File", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("was already imported");
  });

  test("a file cut off before its summary, or of 20 MB, is refused with a clear message, and nothing is stored", async ({
    page,
  }) => {
    const [one] = await wechatPayments();
    const bill = wechatPayBill([{ at: one!.at, reference: one!.reference, amountMinor: one!.amountMinor }], {
      truncate: true,
    });
    const before = await withSql((sql) => sql`select count(*)::int as n from settlement_files`);
    await open(page, "/reconciliation");
    await page
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: "cut.csv", mimeType: "text/csv", buffer: Buffer.from(bill, "utf8") });
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("cut off");

    // A 20 MB file is refused before it is sent.
    await page
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(20 * 1024 * 1024, 0x41) });
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("The file is 20.0 MB; at most 5 MB");
    const after = await withSql((sql) => sql`select count(*)::int as n from settlement_files`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

test.describe("exports", () => {
  test.use({ storageState: storageState("supervisor") });

  test("a supervisor runs a three-year payments export in the background, watches it finish and downloads it", async ({
    page,
  }) => {
    await open(page, "/reconciliation/exports");
    await expect(page.getByRole("heading", { name: "Exports", level: 1 })).toBeVisible();
    await page.getByLabel("What").selectOption("payments");
    await page.getByRole("button", { name: "Run in the background" }).click();
    await expect(page.getByText("Export queued: its progress is below.")).toBeVisible();
    const download = page.getByRole("link", { name: /^Download: Payments/ }).first();
    await expect(download).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("progressbar").first()).toBeVisible();
    await screenshot(page, "reconciliation-exports");
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^payments_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await file.createReadStream()).toArray();
    const csv = Buffer.concat(text).toString("utf8");
    expect(csv.startsWith("\uFEFFpayment_id,received_at_hkt,purpose,method,reference,amount,currency")).toBe(true);
    expect(csv).toMatch(/\r\n\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},renewal,\w+,[^,]*,\d+\.\d{2},(HKD|CNY),/);
  });
});

test.describe("cash drawer", () => {
  test("an agent closes a drawer with a difference and a supervisor signs it off", async ({ browser }) => {
    const agent = await createStaffMember("agent");
    const [row] = await withSql((sql) => sql`select id from staff where email = ${agent.email}`);
    const agentContext = await browser.newContext();
    const page = await agentContext.newPage();
    await signIn(page, agent.email, agent.password);
    await expect(page).toHaveURL(/\/customers/);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cash drawer" }).click();
    await expect(page.getByRole("heading", { name: "Cash drawer", level: 1 })).toBeVisible();
    await expect(page.getByText("No drawer open today")).toBeVisible();
    await page.getByLabel("Opening float").fill("500");
    await page.getByRole("button", { name: "Open drawer" }).click();
    await expect(page.getByTestId("drawer-expected")).toHaveText("HK$500.00");

    // A cash renewal this agent takes appears in the drawer as it happens.
    await withDb(async (db) => {
      const plan = await createPlan(db);
      await createRenewal(db, { planVersionId: plan.planVersionId, method: "cash", soldBy: row!.id, priceMinor: 9800 });
    });
    await reopen(page);
    await expect(page.getByTestId("drawer-expected")).toHaveText("HK$598.00");
    await expect(page.getByRole("cell", { name: /^Renewal #\d+/ })).toBeVisible();

    await page.getByLabel("Counted amount").fill("590");
    await page.getByRole("button", { name: "Close drawer" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "differs from what the drawer should hold by -HK$8.00",
    );
    await page.getByLabel("Reason for a difference").fill("HK$8 short: change given twice");
    await page.getByLabel("Counted amount").fill("590");
    await page.getByRole("button", { name: "Close drawer" }).click();
    await expect(page.getByText("Closed, awaiting sign-off")).toBeVisible();
    await expect(page.getByTestId("drawer-difference")).toHaveText("-HK$8.00");
    await expect(page.getByRole("button", { name: "Close drawer" })).toHaveCount(0);
    await screenshot(page, "cash-drawer-closed");
    await agentContext.close();

    const supervisorContext = await browser.newContext({ storageState: storageState("supervisor") });
    const supervisor = await supervisorContext.newPage();
    await open(supervisor, "/drawer/day");
    // Every agent createStaffMember makes is "E2E agent": this one's drawer is the one with its id.
    const [opened] = await withSql((sql) => sql`select id from cash_drawers where staff_id = ${row!.id}`);
    await supervisor
      .getByRole("link", { name: "Open E2E agent HKD" })
      .and(supervisor.locator(`[href="/drawer/${opened!.id}"]`))
      .click();
    await expect(supervisor.getByText("HK$8 short: change given twice")).toBeVisible();
    await supervisor.getByLabel("Note (optional)").fill("Recounted together");
    await supervisor.getByRole("button", { name: "Sign off the close" }).click();
    await expect(supervisor.getByText(/Signed off by Sam Supervisor/)).toBeVisible();
    await screenshot(supervisor, "cash-drawer-signed-off");
    const [drawer] = await withSql(
      (sql) => sql`select status, counted_minor, expected_minor from cash_drawers where staff_id = ${row!.id}`,
    );
    expect(drawer).toMatchObject({ status: "signed_off", counted_minor: 59_000, expected_minor: 59_800 });
    await supervisorContext.close();
  });
});
