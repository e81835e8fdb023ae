import { expect, test } from "@playwright/test";
import { captureFormPost, createDraftPlan, planByCode, uniquePlanCode } from "./catalog-support";
import { open, reopen, storageState, withSql } from "./support";

const shots = "test-results/screenshots";

test.describe("an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("creates a plan, publishes it, changes its HKD price and sees two versions", async ({ page }) => {
    const code = uniquePlanCode("E2E-NEW");
    await open(page, "/plans");
    await page.getByRole("link", { name: "New plan" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New plan" })).toBeVisible();
    await page.getByLabel("Code", { exact: true }).fill(code.toLowerCase());
    await page.getByLabel("Name in English").fill(`Monthly test ${code}`);
    await page.getByLabel("Name in Simplified Chinese").fill(`测试轻享月卡 ${code}`);
    // OpenCC proposes the 繁體 name; the admin reads it before saving.
    await page.getByRole("button", { name: "Propose 繁體 from 简体" }).click();
    await expect(page.getByLabel("Name in Traditional Chinese")).toHaveValue(`測試輕享月卡 ${code}`);
    await expect(page.getByLabel("Name in Traditional Chinese")).toBeFocused();
    await page.getByLabel("Validity (days)").fill("30");
    await page.getByLabel("Mainland China data", { exact: true }).fill("1.5");
    await page.getByLabel("Hong Kong data", { exact: true }).fill("500");
    await page.getByLabel("Unit for Hong Kong data").selectOption("MB");
    await page.getByLabel("Price in HKD").fill("98");
    await page.getByLabel("Price in CNY").fill("88.50");
    await page.getByRole("button", { name: "Create draft" }).click();

    await expect(page).toHaveURL(/\/plans\/\d+\?created=1$/);
    await expect(page.getByRole("status").filter({ hasText: "Plan created as a draft." })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Monthly test ${code}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Draft");
    // Stored exactly: 1.5 GB is 1536 MB and shows back as 1.5 GB.
    await expect(page.getByLabel("Mainland China data", { exact: true })).toHaveValue("1.5");
    await expect(page.getByLabel("Hong Kong data", { exact: true })).toHaveValue("500");

    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByText("Publish this plan? Agents can sell it straight away.")).toBeVisible();
    await page.getByRole("button", { name: "Yes, publish" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Published. Agents can now sell this plan." }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");

    await page.getByLabel("Price in HKD").fill("108.00");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Saved. Version 2 is what agents sell from now on." }),
    ).toBeVisible();
    await expect(page.getByLabel("Price in HKD")).toHaveValue("108.00");

    const history = page.getByRole("table", { name: /Every version of this plan/ });
    const rows = history.getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText("v2");
    await expect(rows.nth(1)).toContainText("current");
    await expect(rows.nth(1)).toContainText("HK$108.00");
    await expect(rows.nth(1).getByRole("cell", { name: "HK$108.00 (changed)" })).toBeVisible();
    await expect(rows.nth(1)).toContainText("Ada Admin");
    await expect(rows.nth(2)).toContainText("v1");
    await expect(rows.nth(2)).toContainText("HK$98.00");
    await expect(page.getByText("HKD price: HK$98.00 → HK$108.00")).toBeVisible();
    await page
      .locator("section", { has: page.getByRole("heading", { name: "Version history" }) })
      .screenshot({ path: `${shots}/plan-version-history.png` });

    await page.getByRole("link", { name: "Back to the catalog" }).click();
    await page.getByRole("searchbox", { name: "Search by name or code" }).fill(code);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${code}`));
    const row = page.getByRole("row", { name: new RegExp(code) });
    await expect(row).toContainText("HK$108.00");
    await expect(row).toContainText("CN¥88.50");
    await expect(row).toContainText("1.5 GB");
    await expect(row).toContainText("500 MB");
    await expect(row).toContainText("Active");
  });

  test("sees the catalog with its states, and filters it in the URL", async ({ page }) => {
    await open(page, "/plans");
    const table = page.getByRole("table", { name: /Plans with their current version/ });
    await expect(table.getByRole("row", { name: /MONTHLY-8GB/ })).toContainText("HK$98.00");
    await expect(table.getByRole("row", { name: /MONTHLY-LITE-3GB/ })).toContainText("Archived");
    // Cards on the plan now come from the rollup and match the periods running now (read around the
    // page load, since another spec may renew a demo card meanwhile).
    const running = async () => {
      const [row] = await withSql(
        (
          sql,
        ) => sql`select count(*)::int as cards from periods p join renewals r on r.id = p.renewal_id join plan_versions v on v.id = r.plan_version_id
          join plans pl on pl.id = v.plan_id where pl.code = 'QUARTER-30GB' and p.voided_at is null and p.starts_at <= now() and p.ends_at > now()`,
      );
      return row!.cards as number;
    };
    const before = await running();
    await reopen(page);
    const shown = Number(
      (
        await table
          .getByRole("row", { name: /QUARTER-30GB/ })
          .getByRole("cell")
          .nth(8)
          .innerText()
      ).replace(/,/g, ""),
    );
    const after = await running();
    expect(before).toBeGreaterThan(0);
    expect(shown).toBeGreaterThanOrEqual(Math.min(before, after));
    expect(shown).toBeLessThanOrEqual(Math.max(before, after));
    await page.screenshot({ path: `${shots}/plan-catalog.png`, fullPage: true });

    await page.getByRole("navigation", { name: "Plan state" }).getByRole("link", { name: "Archived" }).click();
    await expect(page).toHaveURL(/status=archived/);
    await expect(table.getByRole("row", { name: /MONTHLY-LITE-3GB/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /QUARTER-30GB/ })).toHaveCount(0);
  });

  test("is told which fields are wrong, on each field, and nothing is saved", async ({ page }) => {
    const plan = await createDraftPlan();
    await open(page, `/plans/${plan.id}`);
    await page.getByLabel("Name in English").fill("");
    await page.getByLabel("Validity (days)").fill("731");
    await page.getByLabel("Mainland China data", { exact: true }).fill("1.1");
    await page.getByLabel("Price in HKD").fill("-5");
    await page.getByLabel("Price in CNY").fill("1e9");
    await page.getByLabel("Hong Kong data", { exact: true }).fill("2.5");
    await page.getByLabel("Unit for Hong Kong data").selectOption("MB");
    await page.getByLabel("Extension mode").selectOption("max_from_today");
    await page.getByRole("button", { name: "Save changes" }).click();

    await expect(page.getByRole("alert").filter({ hasText: "Some fields need your attention." })).toBeVisible();
    await expect(page.getByLabel("Name in English")).toHaveAccessibleDescription("Required.");
    await expect(page.getByLabel("Validity (days)")).toHaveAccessibleDescription(
      /A whole number of days from 1 to 730\./,
    );
    await expect(page.getByLabel("Mainland China data", { exact: true })).toHaveAccessibleDescription(
      /not a whole number of MB/,
    );
    await expect(page.getByLabel("Price in HKD")).toHaveAccessibleDescription(/The price must be more than zero\./);
    await expect(page.getByLabel("Price in CNY")).toHaveAccessibleDescription(/Enter an amount such as 98 or 98\.50\./);
    await expect(page.getByLabel("Hong Kong data", { exact: true })).toHaveAccessibleDescription(
      /MB must be a whole number\./,
    );
    // What was typed and chosen stays, so it can be corrected.
    await expect(page.getByLabel("Price in CNY")).toHaveValue("1e9");
    await expect(page.getByLabel("Unit for Hong Kong data")).toHaveValue("MB");
    await expect(page.getByLabel("Extension mode")).toHaveValue("max_from_today");
    await page.getByRole("main").screenshot({ path: `${shots}/plan-edit-field-errors.png` });

    await page.getByLabel("Price in CNY").fill("98.505");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("Price in CNY")).toHaveAccessibleDescription(/At most two decimal places\./);

    const [stored] = await withSql(
      (sql) =>
        sql`select p.lock_version, count(v.id)::int as versions from plans p join plan_versions v on v.plan_id = p.id where p.id = ${plan.id} group by p.id`,
    );
    expect(stored).toMatchObject({ lock_version: 1, versions: 1 });
  });

  test("is refused a duplicate code on the code field", async ({ page }) => {
    await open(page, "/plans/new");
    await page.getByLabel("Code", { exact: true }).fill("MONTHLY-8GB");
    await page.getByLabel("Name in English").fill("Duplicate");
    await page.getByLabel("Name in Simplified Chinese").fill("重复");
    await page.getByLabel("Name in Traditional Chinese").fill("重複");
    await page.getByLabel("Mainland China data", { exact: true }).fill("1");
    await page.getByLabel("Hong Kong data", { exact: true }).fill("1");
    await page.getByLabel("Price in HKD").fill("10");
    await page.getByLabel("Price in CNY").fill("9");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page.getByLabel("Code", { exact: true })).toHaveAccessibleDescription(
      /The code MONTHLY-8GB is already used by another plan\./,
    );
    await expect(page).toHaveURL(/\/plans\/new$/);
  });

  test("who saves second, over another admin's change, is refused and told who changed it", async ({ browser }) => {
    const plan = await createDraftPlan();
    const [first, second] = await Promise.all([
      browser.newContext({ storageState: storageState("admin") }),
      browser.newContext({ storageState: storageState("admin") }),
    ]);
    const [a, b] = await Promise.all([first.newPage(), second.newPage()]);
    await Promise.all([open(a, `/plans/${plan.id}`), open(b, `/plans/${plan.id}`)]);

    await a.getByLabel("Price in HKD").fill("99.00");
    await a.getByRole("button", { name: "Save changes" }).click();
    await expect(a.getByRole("status").filter({ hasText: "Saved. Version 2" })).toBeVisible();

    await b.getByLabel("Name in English").fill("A rename made on stale data");
    await b.getByRole("button", { name: "Save changes" }).click();
    await expect(
      b.getByRole("alert").filter({ hasText: "This plan was changed by Ada Admin since you opened it." }),
    ).toBeVisible();
    const [stored] = await withSql((sql) => sql`select name_en, lock_version from plans where id = ${plan.id}`);
    expect(stored).toMatchObject({ name_en: `E2E plan ${plan.code}`, lock_version: 2 });

    await b.getByRole("link", { name: "Reload to see the latest" }).click();
    await expect(b.getByLabel("Price in HKD")).toHaveValue("99.00");
    await Promise.all([first.close(), second.close()]);
  });

  test("deletes a draft nobody bought", async ({ page }) => {
    const plan = await createDraftPlan();
    await open(page, `/plans/${plan.id}`);
    await page.getByRole("button", { name: "Delete draft" }).click();
    await page.getByRole("button", { name: "Yes, delete draft" }).click();
    await expect(page).toHaveURL(/\/plans\?deleted=/);
    await expect(page.getByRole("status").filter({ hasText: `Draft ${plan.code} was deleted.` })).toBeVisible();
    expect(await planByCode(plan.code)).toBeNull();
  });
});

for (const role of ["agent", "supervisor"] as const) {
  test.describe(role, () => {
    test.use({ storageState: storageState(role) });

    test("sees the catalog read-only, without edit controls", async ({ page }) => {
      await open(page, "/plans");
      await expect(page.getByText("You can view the catalog. Only admins can change it.")).toBeVisible();
      await expect(page.getByRole("row", { name: /MONTHLY-8GB/ })).toContainText("HK$98.00");
      await expect(page.getByRole("link", { name: "New plan" })).toHaveCount(0);
      await expect(page.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
      await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);

      for (const path of ["/plans/new", "/plans/1"]) {
        const response = await open(page, path);
        expect(response?.status()).toBe(403);
      }
    });
  });
}

test("a create request forged by an agent is refused and creates nothing", async ({ browser }) => {
  const code = uniquePlanCode("E2E-FORGED");
  const adminContext = await browser.newContext({ storageState: storageState("admin") });
  const admin = await adminContext.newPage();
  await open(admin, "/plans/new");
  await admin.getByLabel("Code", { exact: true }).fill(code);
  await admin.getByLabel("Name in English").fill("Forged");
  await admin.getByLabel("Name in Simplified Chinese").fill("伪造");
  await admin.getByLabel("Name in Traditional Chinese").fill("偽造");
  await admin.getByLabel("Mainland China data", { exact: true }).fill("1");
  await admin.getByLabel("Hong Kong data", { exact: true }).fill("1");
  await admin.getByLabel("Price in HKD").fill("1");
  await admin.getByLabel("Price in CNY").fill("1");
  // The admin's own request never reaches the server; it is replayed as the agent.
  const post = await captureFormPost(admin, "/plans/new", () =>
    admin.getByRole("button", { name: "Create draft" }).click(),
  );
  await adminContext.close();

  const agentContext = await browser.newContext({ storageState: storageState("agent") });
  const replay = Object.fromEntries(
    Object.entries(post.headers).filter(([name]) =>
      ["next-action", "next-router-state-tree", "content-type", "accept", "origin"].includes(name),
    ),
  );
  expect(replay["next-action"]).toBeTruthy();
  const response = await agentContext.request.post("/plans/new", { headers: replay, data: post.body });
  expect(await response.text()).toContain("Your role does not allow this.");
  await agentContext.close();
  expect(await planByCode(code)).toBeNull();
});
