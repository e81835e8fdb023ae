import { randomBytes } from "node:crypto";
import { luhnCheckDigit } from "@/lib/domain/identifiers";
import { withSql } from "./support";

/** A customer with one card of this spec's own, so no other spec's data moves under it. */
export async function createReportCard(options: { validityEnd: Date; nameEn: string }) {
  // Prefixes the demo seed never uses: ICCIDs 8985207…, Hong Kong numbers +852 4….
  const payload = `8985207${String(randomBytes(6).readUIntBE(0, 6) % 1e11).padStart(11, "0")}`;
  const msisdn = `+8524${String(randomBytes(4).readUInt32BE(0) % 1e7).padStart(7, "0")}`;
  return withSql(async (sql) => {
    const [customer] =
      await sql`insert into customers (name_en, name_zh, preferred_language) values (${options.nameEn}, '测试提醒', 'en') returning id`;
    const [card] = await sql`insert into cards (customer_id, iccid, validity_end)
      values (${customer!.id}, ${payload + luhnCheckDigit(payload)}, ${options.validityEnd.toISOString()}) returning id`;
    await sql`insert into card_numbers (card_id, region, msisdn, real_name_status) values (${card!.id}, 'HK', ${msisdn}, 'verified')`;
    return { customerId: customer!.id as number, cardId: card!.id as number };
  });
}
