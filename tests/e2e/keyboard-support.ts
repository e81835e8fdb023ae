import { expect, type Page } from "@playwright/test";
import { withSql } from "./support";
import { createTestCard, hkEnd } from "./renewal-support";

/**
 * A card of its own whose last renewal (40 days ago, self-service) was the
 * demo catalog's monthly plan, so "renew with the same plan" has a plan to
 * repeat and the 10-minute repeat check stays quiet.
 */
export async function createCardRenewedBefore(
  options: {
    validityEnd?: Date;
    name?: string;
    /** a mainland number too, which the last confirmation went to */ cn?: string;
  } = {},
) {
  const card = await createTestCard({
    validityEnd: options.validityEnd ?? hkEnd(12),
    name: options.name,
    cn: options.cn,
  });
  await withSql(async (sql) => {
    const [plan] = await sql`select p.current_version_id as version_id, v.price_hkd_minor
      from plans p join plan_versions v on v.id = p.current_version_id where p.code = 'MONTHLY-8GB'`;
    await sql`insert into renewals (card_id, plan_version_id, channel, card_state, extension_mode,
        previous_validity_end, new_validity_end, price_minor, currency, sms_msisdn, sms_language, status, activated_at, created_at)
      values (${card.cardId}, ${plan!.version_id}, 'self_service', 'active', 'stack',
        now() - interval '18 days', ${options.validityEnd ?? hkEnd(12)}, ${plan!.price_hkd_minor}, 'HKD',
        ${card.cn ?? card.hk}, 'zh-Hant', 'activated', now() - interval '40 days', now() - interval '40 days')`;
  });
  return { ...card, national: card.hk.slice(4), cardPath: `/customers/${card.customerId}/cards/${card.cardId}` };
}

/** Presses keys one at a time and counts them: the measure of a keyboard workflow. */
export function keyCounter(page: Page) {
  let count = 0;
  return {
    async press(key: string) {
      count++;
      await page.keyboard.press(key);
    },
    /** Typing what the customer said (a number, a reference) is not counted. */
    async type(text: string) {
      await page.keyboard.type(text);
    },
    get count() {
      return count;
    },
  };
}

export const palette = (page: Page) => page.getByRole("dialog", { name: "Command palette" });

export async function expectFocusedHeading(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeFocused();
}
