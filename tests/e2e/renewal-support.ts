import { createCustomerWithCard, uniqueSuffix } from "../helpers/factories";
import { withDb, withSql } from "./support";

export { hkEnd } from "../helpers/dates";

/** A customer and card of its own for one test, so specs never fight over demo rows. */
export async function createTestCard(options: {
  validityEnd: Date;
  storedValueMinor?: number;
  name?: string;
  /** A mainland national number as well as the Hong Kong one. */
  cn?: string;
}) {
  const card = await withDb((db) =>
    createCustomerWithCard(db, {
      nameZh: "测试",
      nameEn: options.name ?? `E2E Customer ${uniqueSuffix()}`,
      email: null,
      preferredLanguage: "zh-Hant",
      validityEnd: options.validityEnd,
      storedValue: options.storedValueMinor ?? 0,
      cn: options.cn ?? null,
    }),
  );
  return {
    customerId: card.customerId,
    cardId: card.cardId,
    iccid: card.iccid,
    hk: card.msisdn!,
    cn: options.cn ? `+86${options.cn}` : null,
    renewPath: `/customers/${card.customerId}/cards/${card.cardId}/renew`,
  };
}

export async function renewalsOf(cardId: number) {
  return withSql(
    (sql) => sql<{ id: number; status: string; method: string }[]>`
    select r.id, r.status, p.method from renewals r join payments p on p.renewal_id = r.id where r.card_id = ${cardId} order by r.id`,
  );
}

export { newReference as wechatReference } from "../helpers/factories";
