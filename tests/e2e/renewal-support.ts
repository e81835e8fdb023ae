import { randomInt } from "node:crypto";
import { luhnCheckDigit } from "@/lib/domain/identifiers";
import { withSql } from "./support";

export { hkEnd } from "../helpers/dates";

/** A customer and card of its own for one test, so specs never fight over demo rows. */
export async function createTestCard(options: { validityEnd: Date; storedValueMinor?: number; name?: string }) {
  const payload = `8985208${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(100)).padStart(2, "0")}`;
  const iccid = payload + String(luhnCheckDigit(payload));
  const hk = `+8524${String(randomInt(1e7)).padStart(7, "0")}`;
  return withSql(async (sql) => {
    const [customer] = await sql`insert into customers (name_zh, name_en, preferred_language)
      values ('测试', ${options.name ?? `E2E Customer ${randomInt(1e6)}`}, 'zh-Hant') returning id`;
    const [card] = await sql`insert into cards (customer_id, iccid, validity_end, stored_value_hkd_minor)
      values (${customer!.id}, ${iccid}, ${options.validityEnd}, ${options.storedValueMinor ?? 0}) returning id`;
    await sql`insert into card_numbers (card_id, region, msisdn, real_name_status) values (${card!.id}, 'HK', ${hk}, 'verified')`;
    return {
      customerId: Number(customer!.id),
      cardId: Number(card!.id),
      iccid,
      hk,
      renewPath: `/customers/${customer!.id}/cards/${card!.id}/renew`,
    };
  });
}

export async function renewalsOf(cardId: number) {
  return withSql(
    (sql) => sql<{ id: number; status: string; method: string }[]>`
    select r.id, r.status, p.method from renewals r join payments p on p.renewal_id = r.id where r.card_id = ${cardId} order by r.id`,
  );
}

export function wechatReference(): string {
  return `4200${Date.now()}${String(randomInt(1e9)).padStart(9, "0")}`;
}
