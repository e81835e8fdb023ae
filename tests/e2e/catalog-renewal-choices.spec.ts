import { expect, test } from "@playwright/test";
import { createDraftPlan } from "./catalog-support";
import { createTestCard, hkEnd } from "./renewal-support";
import { open, reopen, storageState, withSql } from "./support";

test("an archived plan disappears from an agent's renewal choices, and a restored one comes back", async ({
  browser,
}) => {
  const plan = await createDraftPlan();
  await withSql(
    (sql) => sql`update plans set status = 'active', lock_version = lock_version + 1 where id = ${plan.id}`,
  );
  const card = await createTestCard({ validityEnd: hkEnd(15) });
  const planRadio = { name: new RegExp(`E2E plan ${plan.code}`) };

  const agent = await browser.newPage({ storageState: storageState("agent") });
  await open(agent, card.renewPath);
  await expect(agent.getByRole("radio", planRadio)).toBeVisible();

  const admin = await browser.newPage({ storageState: storageState("admin") });
  await open(admin, `/plans/${plan.id}`);
  await admin.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(admin.getByText("Archive this plan? Agents can no longer sell it.")).toBeVisible();
  await admin.getByRole("button", { name: "Yes, archive" }).click();
  await expect(
    admin.getByRole("status").filter({ hasText: "Archived. It is no longer offered for renewal." }),
  ).toBeVisible();

  await reopen(agent);
  await expect(agent.getByRole("radio", { name: /Monthly 8GB China \+ HK/ })).toBeVisible();
  await expect(agent.getByRole("radio", planRadio)).toHaveCount(0);

  await admin.getByRole("button", { name: "Restore", exact: true }).click();
  await admin.getByRole("button", { name: "Yes, restore" }).click();
  await expect(
    admin.getByRole("status").filter({ hasText: "Restored. Agents can sell this plan again." }),
  ).toBeVisible();
  await reopen(agent);
  await expect(agent.getByRole("radio", planRadio)).toBeVisible();
  await agent.close();
  await admin.close();
});
