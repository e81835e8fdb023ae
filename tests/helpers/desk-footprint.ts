import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Everything a desk write (goodwill, top-up, correction, profile, real-name, contact) could leave about one card and its customer. */
export async function deskFootprint(db: Db, cardId: number) {
  const [row] = await db.execute<Record<string, string | number | null>>(sql`
    select
      (select count(*)::int from goodwill_extensions where card_id = ${cardId}) as goodwill,
      (select count(*)::int from payments where card_id = ${cardId}) as payments,
      (select count(*)::int from stored_value_ledger where card_id = ${cardId}) as ledger,
      (select count(*)::int from notifications where card_id = ${cardId}) as sms,
      (select count(*)::int from audit_log where customer_id = (select customer_id from cards where id = ${cardId})) as audit,
      (select count(*)::int from contacts where customer_id = (select customer_id from cards where id = ${cardId})) as contacts,
      (select validity_end::text from cards where id = ${cardId}) as validity,
      (select stored_value_hkd_minor from cards where id = ${cardId}) as balance,
      (select row(cu.*)::text from customers cu where cu.id = (select customer_id from cards where id = ${cardId})) as customer,
      (select string_agg(row(n.*)::text, ';' order by n.id) from card_numbers n where n.card_id = ${cardId}) as numbers`);
  return row!;
}
