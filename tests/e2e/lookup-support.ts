import { expect, type Page } from "@playwright/test";
import { randomBytes, randomInt } from "node:crypto";
import { luhnCheckDigit } from "@/lib/domain/identifiers";
import { withSql } from "./support";

export const searchBox = (page: Page) => page.getByRole("combobox", { name: "Search customers and cards" });

/** Types into the header search box and submits it with Enter. */
export async function searchFor(page: Page, text: string) {
  const box = searchBox(page);
  await box.fill(text);
  await box.press("Enter");
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Hong Kong time as every page shows it, e.g. "2026-12-24 23:59 HKT", with UTC on hover. */
export async function expectHkTime(page: Page, text: RegExp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} HKT$/) {
  const time = page.locator("time").filter({ hasText: text }).first();
  await expect(time).toBeVisible();
  await expect(time).toHaveAttribute("title", /UTC$/);
}

/**
 * A customer and card of this test's own, with a Hong Kong number no seeded
 * card has (seeded numbers start 5, 6 or 9), so specs running in parallel
 * never see each other's rows.
 */
export async function createCardholder() {
  const suffix = randomBytes(3).toString("hex");
  const national = `4${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
  const payload = `8985209${String(randomInt(0, 1e11)).padStart(11, "0")}`;
  const iccid = payload + String(luhnCheckDigit(payload));
  const name = `E2E Holder ${suffix}`;
  return withSql(async (sql) => {
    const [customer] = await sql<{ id: number }[]>`
      insert into customers (name_en, email, preferred_language) values (${name}, ${`e2e-${suffix}@example.test`}, 'en') returning id`;
    const [card] = await sql<{ id: number }[]>`
      insert into cards (customer_id, iccid, validity_end, stored_value_hkd_minor)
      values (${customer!.id}, ${iccid}, now() + interval '20 days', 4200) returning id`;
    await sql`insert into card_numbers (card_id, region, msisdn, real_name_status) values (${card!.id}, 'HK', ${`+852${national}`}, 'verified')`;
    return { customerId: customer!.id, cardId: card!.id, name, national, iccid };
  });
}
