import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, instant, updatedAt } from "./columns";
import { staff } from "./staff";
import { extensionModes, planStatuses } from "@/lib/domain/enums";

export const planStatus = pgEnum("plan_status", planStatuses);

export const extensionMode = pgEnum("extension_mode", extensionModes);

export const plans = pgTable(
  "plans",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    nameEn: text().notNull(),
    /** Simplified Chinese name (zh-Hans). */
    nameZh: text().notNull(),
    /** Traditional Chinese name (zh-Hant), shown to 繁體 users; admins edit both. */
    nameZhHant: text().notNull(),
    status: planStatus().notNull().default("draft"),
    sortOrder: integer().notNull().default(0),
    currentVersionId: integer().references((): AnyPgColumn => planVersions.id),
    // Optimistic concurrency: every edit must name the lockVersion it read.
    lockVersion: integer().notNull().default(1),
    updatedBy: integer().references(() => staff.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("plans_code_key").on(t.code),
    index("plans_status_sort").on(t.status, t.sortOrder),
    check("plans_code_format", sql`${t.code} ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'`),
    check(
      "plans_names_present",
      sql`char_length(btrim(${t.nameEn})) between 1 and 120 and char_length(btrim(${t.nameZh})) between 1 and 120`,
    ),
    check("plans_name_zh_hant_present", sql`char_length(btrim(${t.nameZhHant})) between 1 and 120`),
    check("plans_sellable_has_version", sql`${t.status} = 'draft' or ${t.currentVersionId} is not null`),
  ],
);

/** An immutable snapshot of what a customer buys; a trigger refuses UPDATE. */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    validityDays: integer().notNull(),
    dataCnMb: integer().notNull(),
    dataHkMb: integer().notNull(),
    priceHkdMinor: integer().notNull(),
    priceCnyMinor: integer().notNull(),
    extensionMode: extensionMode().notNull().default("stack"),
    effectiveFrom: instant().notNull().defaultNow(),
    createdBy: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique("plan_versions_plan_version_key").on(t.planId, t.version),
    check("plan_versions_version_positive", sql`${t.version} > 0`),
    check("plan_versions_days_range", sql`${t.validityDays} between 1 and 730`),
    check("plan_versions_data_nonnegative", sql`${t.dataCnMb} >= 0 and ${t.dataHkMb} >= 0`),
    check("plan_versions_prices_positive", sql`${t.priceHkdMinor} > 0 and ${t.priceCnyMinor} > 0`),
  ],
);
