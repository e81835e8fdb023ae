import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { DAY_MS } from "@/lib/domain/time";
import { createCustomerWithCard } from "../helpers/factories";
import { withDb } from "./support";

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
 * card has, so specs running in parallel never see each other's rows.
 */
export async function createCardholder() {
  const suffix = randomBytes(3).toString("hex");
  const name = `E2E Holder ${suffix}`;
  const card = await withDb((db) =>
    createCustomerWithCard(db, {
      nameZh: null,
      nameEn: name,
      email: `e2e-${suffix}@example.test`,
      preferredLanguage: "en",
      storedValue: 4200,
      validityEnd: new Date(Date.now() + 20 * DAY_MS),
    }),
  );
  return { customerId: card.customerId, cardId: card.cardId, name, national: card.msisdn!.slice(4), iccid: card.iccid };
}
