import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";
import { staff } from "./staff";
import { languages, idDocumentTypes } from "@/lib/domain/enums";

export const language = pgEnum("language", languages);

export const idDocumentType = pgEnum("id_document_type", idDocumentTypes);

export const customers = pgTable(
  "customers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    nameZh: text(),
    nameEn: text(),
    email: text(),
    contactPhone: text(),
    preferredLanguage: language().notNull().default("zh-Hant"),
    // Only the last four characters of an identity document are ever stored.
    idDocumentType: idDocumentType(),
    idDocumentLast4: text(),
    notes: text(),
    // Optimistic concurrency: a profile edit names the lockVersion it read.
    lockVersion: integer().notNull().default(1),
    updatedBy: integer().references(() => staff.id),
    // Maintained by PostgreSQL so every writer (console, seed, imports) agrees.
    searchName: text()
      .notNull()
      .generatedAlwaysAs(sql`fold_search_text(coalesce(name_en, '') || ' ' || coalesce(name_zh, ''))`),
    nameGrams: text()
      .array()
      .notNull()
      .generatedAlwaysAs(sql`cjk_name_grams(name_zh)`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("customers_has_name", sql`coalesce(btrim(${t.nameZh}), '') <> '' or coalesce(btrim(${t.nameEn}), '') <> ''`),
    check("customers_email_normalised", sql`${t.email} is null or ${t.email} = lower(btrim(${t.email}))`),
    check(
      "customers_id_document_last4",
      sql`${t.idDocumentLast4} is null or char_length(${t.idDocumentLast4}) between 1 and 4`,
    ),
    check("customers_contact_phone_e164", sql`${t.contactPhone} is null or ${t.contactPhone} ~ '^\\+[0-9]{8,15}$'`),
    index("customers_search_name_trgm").using("gin", sql`${t.searchName} gin_trgm_ops`),
    index("customers_name_grams").using("gin", t.nameGrams),
    index("customers_email_prefix").on(sql`${t.email} text_pattern_ops`),
  ],
);
