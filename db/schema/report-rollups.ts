import { bigint, boolean, date, integer, pgTable, primaryKey, smallint, unique } from "drizzle-orm/pg-core";
import { instant } from "./columns";
import { plans } from "./plans";
import { cardStateAtRenewal, currency, paymentMethod } from "./renewals";
import { staff } from "./staff";

/*
 * The chart-grain rollups again per Hong Kong calendar month (`month` is the
 * month's first day), so a three-year chart by month reads 36 months × dims
 * instead of 1,100 days × dims. renewal_rollups_add (the trigger on
 * renewal_daily_stats) writes them in the same statement as the day rows, in
 * the writer's transaction; `slot` as in the day tables.
 */
export const renewalMonthPlan = pgTable(
  "renewal_month_plan",
  {
    month: date({ mode: "string" }).notNull(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    slot: smallint().notNull(),
    renewals: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.planId, t.slot] })],
);

export const renewalMonthMethod = pgTable(
  "renewal_month_method",
  {
    month: date({ mode: "string" }).notNull(),
    method: paymentMethod().notNull(),
    slot: smallint().notNull(),
    renewals: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.method, t.slot] })],
);

export const renewalMonthAgent = pgTable(
  "renewal_month_agent",
  {
    month: date({ mode: "string" }).notNull(),
    soldBy: integer().references(() => staff.id),
    renewals: integer().notNull().default(0),
  },
  (t) => [unique("renewal_month_agent_key").on(t.month, t.soldBy).nullsNotDistinct()],
);

export const renewalMonthCurrencyState = pgTable(
  "renewal_month_currency_state",
  {
    month: date({ mode: "string" }).notNull(),
    currency: currency().notNull(),
    cardState: cardStateAtRenewal().notNull(),
    slot: smallint().notNull(),
    renewals: integer().notNull().default(0),
    revenueMinor: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.currency, t.cardState, t.slot] })],
);

/**
 * How many cards have each validity end (an instant, not a day: the figures
 * compare it with `now`), split by suspended or not: lapsed cards, cards in
 * grace and expirations ahead sum a few rows per day instead of counting
 * cards. A trigger on cards keeps it with every insert, delete and change of
 * validity_end or suspended_at, whichever write path made it (renewal, void,
 * goodwill, outage bulk, replacement, new card). Rows that reach zero are
 * deleted. `slot` (card id mod 4) spreads cards renewed to the same end.
 */
export const cardValidityEnds = pgTable(
  "card_validity_ends",
  {
    validityEnd: instant().notNull(),
    suspended: boolean().notNull(),
    slot: smallint().notNull(),
    cards: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.validityEnd, t.suspended, t.slot] })],
);

/**
 * Renewals not voided per previous validity end (the end they extend a card
 * from): "renewed already" in expirations ahead. Kept by a trigger on
 * renewals (insert, delete, status or previous_validity_end change).
 */
export const renewalPreviousEnds = pgTable(
  "renewal_previous_ends",
  {
    previousValidityEnd: instant().notNull(),
    slot: smallint().notNull(),
    renewals: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.previousValidityEnd, t.slot] })],
);

/** Goodwill extensions and their days per Hong Kong day granted; a trigger on goodwill_extensions. */
export const goodwillDay = pgTable(
  "goodwill_day",
  {
    day: date({ mode: "string" }).notNull(),
    slot: smallint().notNull(),
    extensions: integer().notNull().default(0),
    days: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.slot] })],
);

/** Replacement fees taken per Hong Kong day received and currency; a trigger on payments of that purpose. */
export const replacementFeeDay = pgTable(
  "replacement_fee_day",
  {
    day: date({ mode: "string" }).notNull(),
    currency: currency().notNull(),
    slot: smallint().notNull(),
    payments: integer().notNull().default(0),
    amountMinor: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency, t.slot] })],
);
