import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, instant, updatedAt } from "./columns";
import { customers } from "./customers";
import { staff } from "./staff";
import { cardForms, suspensionReasons, numberRegions, realNameDocuments, realNameStatuses } from "@/lib/domain/enums";

export const cardForm = pgEnum("card_form", cardForms);

export const suspensionReason = pgEnum("suspension_reason", suspensionReasons);

export const numberRegion = pgEnum("number_region", numberRegions);

export const realNameStatus = pgEnum("real_name_status", realNameStatuses);

export const realNameDocument = pgEnum("real_name_document", realNameDocuments);

export const cards = pgTable(
  "cards",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    iccid: text().notNull(),
    form: cardForm().notNull().default("physical"),
    // End of the last period granted (queued periods included). The card's
    // state is derived from this and suspendedAt at read time.
    validityEnd: instant().notNull(),
    suspendedAt: instant(),
    suspensionReason: suspensionReason(),
    // Who suspended it (null: the carrier or data written before the lifecycle).
    suspendedBy: integer().references(() => staff.id),
    // A replaced card is terminal: its numbers, validity and balance live on its successor.
    replacedAt: instant(),
    replacedByCardId: integer().references((): AnyPgColumn => cards.id),
    storedValueHkdMinor: integer().notNull().default(0),
    activatedAt: instant().notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("cards_iccid_key").on(t.iccid),
    index("cards_iccid_trgm").using("gin", sql`${t.iccid} gin_trgm_ops`),
    index("cards_customer_id").on(t.customerId),
    index("cards_validity_end").on(t.validityEnd),
    // The expiry worklist pages renewable cards by (validity end, id).
    index("cards_renewable_validity_end")
      .on(t.validityEnd, t.id)
      .where(sql`${t.suspendedAt} is null`),
    check("cards_iccid_format", sql`${t.iccid} ~ '^[0-9]{19,20}$'`),
    check("cards_stored_value_nonnegative", sql`${t.storedValueHkdMinor} >= 0`),
    check("cards_suspension_consistent", sql`(${t.suspendedAt} is null) = (${t.suspensionReason} is null)`),
    check("cards_suspended_by_consistent", sql`${t.suspendedBy} is null or ${t.suspendedAt} is not null`),
    check("cards_replaced_consistent", sql`(${t.replacedAt} is null) = (${t.replacedByCardId} is null)`),
    check("cards_not_replaced_by_itself", sql`${t.replacedByCardId} <> ${t.id}`),
  ],
);

export const cardNumbers = pgTable(
  "card_numbers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    region: numberRegion().notNull(),
    /** E.164, e.g. +85291234567 or +8613812345678. */
    msisdn: text().notNull(),
    national: text()
      .notNull()
      .generatedAlwaysAs(sql`case when region = 'HK' then substr(msisdn, 5) else substr(msisdn, 4) end`),
    last4: text()
      .notNull()
      .generatedAlwaysAs(sql`right(msisdn, 4)`),
    realNameStatus: realNameStatus().notNull().default("pending"),
    // Only the document's type and last four characters, never the whole number.
    realNameDocument: realNameDocument(),
    realNameDocumentLast4: text(),
    realNameDeadline: instant(),
    realNameUpdatedAt: instant(),
    releasedAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [
    // A recycled number may come back on another card once released.
    uniqueIndex("card_numbers_msisdn_live_key")
      .on(t.msisdn)
      .where(sql`${t.releasedAt} is null`),
    uniqueIndex("card_numbers_card_region_live_key")
      .on(t.cardId, t.region)
      .where(sql`${t.releasedAt} is null`),
    index("card_numbers_msisdn").on(t.msisdn),
    index("card_numbers_last4").on(t.last4),
    index("card_numbers_national_trgm").using("gin", sql`${t.national} gin_trgm_ops`),
    index("card_numbers_card_id").on(t.cardId),
    check(
      "card_numbers_real_name_last4",
      sql`${t.realNameDocumentLast4} is null or ${t.realNameDocumentLast4} ~ '^[A-Z0-9()]{4}$'`,
    ),
    check(
      "card_numbers_real_name_document_pair",
      sql`(${t.realNameDocument} is null) = (${t.realNameDocumentLast4} is null)`,
    ),
    check(
      "card_numbers_msisdn_format",
      sql`(${t.region} = 'HK' and ${t.msisdn} ~ '^\\+852[0-9]{8}$') or (${t.region} = 'CN' and ${t.msisdn} ~ '^\\+861[0-9]{10}$')`,
    ),
  ],
);
