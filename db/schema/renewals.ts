import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { cards } from "./cards";
import { createdAt, instant } from "./columns";
import { language } from "./customers";
import { extensionMode, planVersions, plans } from "./plans";
import { staff } from "./staff";
import {
  currencies,
  paymentMethods,
  paymentPurposes,
  renewalChannels,
  renewalStatuses,
  cardStatesAtRenewal,
  storedValueReasons,
} from "@/lib/domain/enums";

export const currency = pgEnum("currency", currencies);

export const paymentMethod = pgEnum("payment_method", paymentMethods);

export const paymentPurpose = pgEnum("payment_purpose", paymentPurposes);

export const renewalChannel = pgEnum("renewal_channel", renewalChannels);

/**
 * paid → activated, or paid → voided; a failed activation stays paid until
 * retried (its attempts and last error live on its carrier request).
 */
export const renewalStatus = pgEnum("renewal_status", renewalStatuses);

export const cardStateAtRenewal = pgEnum("card_state_at_renewal", cardStatesAtRenewal);

export const renewals = pgTable(
  "renewals",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    planVersionId: integer()
      .notNull()
      .references(() => planVersions.id),
    channel: renewalChannel().notNull(),
    soldBy: integer().references(() => staff.id),
    cardState: cardStateAtRenewal().notNull(),
    extensionMode: extensionMode().notNull(),
    previousValidityEnd: instant().notNull(),
    newValidityEnd: instant().notNull(),
    // The price it was sold at; catalog changes never rewrite it.
    priceMinor: integer().notNull(),
    currency: currency().notNull(),
    smsMsisdn: text(),
    smsLanguage: language().notNull(),
    status: renewalStatus().notNull().default("paid"),
    activatedAt: instant(),
    voidedAt: instant(),
    voidedBy: integer().references(() => staff.id),
    voidReason: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("renewals_card_history").on(t.cardId, t.createdAt.desc(), t.id.desc()),
    index("renewals_created_at").on(t.createdAt),
    index("renewals_sold_by_created_at").on(t.soldBy, t.createdAt),
    index("renewals_plan_version").on(t.planVersionId),
    // The stuck-activation queue and its flag: paid renewals the carrier has not activated yet.
    index("renewals_paid_created_at")
      .on(t.createdAt)
      .where(sql`${t.status} = 'paid'`),
    // Expirations ahead: validity ends a live renewal already extends.
    index("renewals_previous_validity_end")
      .on(t.previousValidityEnd)
      .where(sql`${t.status} <> 'voided'`),
    check("renewals_price_positive", sql`${t.priceMinor} > 0`),
    check("renewals_console_has_seller", sql`(${t.channel} = 'console') = (${t.soldBy} is not null)`),
    // A max-from-today renewal with a later old end keeps it (it buys data, not time): the end never moves back.
    check("renewals_validity_never_moves_back", sql`${t.newValidityEnd} >= ${t.previousValidityEnd}`),
    check(
      "renewals_void_consistent",
      sql`(${t.status} = 'voided') = (${t.voidedAt} is not null) and (${t.voidedAt} is null or (${t.voidedBy} is not null and char_length(btrim(${t.voidReason})) > 0))`,
    ),
    check("renewals_activated_consistent", sql`${t.status} <> 'activated' or ${t.activatedAt} is not null`),
  ],
);

/** The validity window a renewal grants, with its own data allowance and usage. */
export const periods = pgTable(
  "periods",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    renewalId: integer()
      .notNull()
      .references(() => renewals.id),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    dataCnMb: integer().notNull(),
    dataHkMb: integer().notNull(),
    usedCnMb: integer().notNull().default(0),
    usedHkMb: integer().notNull().default(0),
    voidedAt: instant(),
  },
  (t) => [
    uniqueIndex("periods_renewal_key").on(t.renewalId),
    index("periods_card_ends")
      .on(t.cardId, t.endsAt)
      .where(sql`${t.voidedAt} is null`),
    check("periods_window", sql`${t.endsAt} > ${t.startsAt}`),
    check(
      "periods_usage_within_allowance",
      sql`${t.usedCnMb} between 0 and ${t.dataCnMb} and ${t.usedHkMb} between 0 and ${t.dataHkMb}`,
    ),
  ],
);

/**
 * Money taken for a card: a renewal, a stored-value top-up or a replacement
 * fee. Only a renewal's payment points at a renewal; a trigger fills in (and
 * checks) the card from the renewal, so older writers that name only the
 * renewal still record the right card.
 */
export const payments = pgTable(
  "payments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    purpose: paymentPurpose().notNull().default("renewal"),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    renewalId: integer().references(() => renewals.id),
    method: paymentMethod().notNull(),
    reference: text(),
    amountMinor: integer().notNull(),
    currency: currency().notNull(),
    receivedAt: instant().notNull().defaultNow(),
    receivedBy: integer().references(() => staff.id),
  },
  (t) => [
    // A reference can be used once per method, across all customers.
    uniqueIndex("payments_method_reference_key")
      .on(t.method, t.reference)
      .where(sql`${t.reference} is not null`),
    index("payments_renewal_id").on(t.renewalId),
    index("payments_card_id").on(t.cardId, t.id.desc()),
    // Exports and the daily close read payments by time.
    index("payments_received_at").on(t.receivedAt, t.id),
    // Replacement fees per Hong Kong day in the reports' revenue.
    index("payments_replacement_fee_received_at")
      .on(t.receivedAt)
      .where(sql`${t.purpose} = 'replacement_fee'`),
    check("payments_renewal_purpose", sql`(${t.purpose} = 'renewal') = (${t.renewalId} is not null)`),
    check("payments_amount_positive", sql`${t.amountMinor} > 0`),
    check("payments_reference_required", sql`${t.method} in ('cash', 'stored_value') or ${t.reference} is not null`),
    check("payments_reference_format", sql`${t.reference} is null or char_length(${t.reference}) between 4 and 64`),
    // Stored normalised (lib/domain/payment-reference.ts), so the unique index compares normalised forms.
    // NOT VALID in its migration: rows that collided when it ran keep their typed form (payment_reference_collisions).
    // No {3,63} here: the length is the check above, and a bounded repeat costs PostgreSQL µs a row (migration 0020).
    check("payments_reference_normalised", sql`${t.reference} is null or ${t.reference} ~ '^[A-Z0-9][A-Z0-9_/.]*$'`),
    check("payments_stored_value_in_hkd", sql`${t.method} <> 'stored_value' or ${t.currency} = 'HKD'`),
  ],
);

/**
 * What the migration to normalised references found: payments whose reference,
 * once normalised, equals an earlier payment's with the same method (the same
 * money recorded twice, or a typo). They keep their typed form, for a
 * supervisor to resolve; the migration reports them.
 */
export const paymentReferenceCollisions = pgTable("payment_reference_collisions", {
  paymentId: integer()
    .primaryKey()
    .references(() => payments.id),
  method: paymentMethod().notNull(),
  typedReference: text().notNull(),
  normalisedReference: text().notNull(),
  keptPaymentId: integer()
    .notNull()
    .references(() => payments.id),
  foundAt: createdAt(),
});

export const refunds = pgTable(
  "refunds",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    paymentId: integer()
      .notNull()
      .references(() => payments.id),
    amountMinor: integer().notNull(),
    currency: currency().notNull(),
    // How the money went back: the payment's method unless the supervisor chose another.
    method: paymentMethod().notNull(),
    // The refund's own provider reference (electronic methods), normalised like a payment's.
    reference: text(),
    reason: text().notNull(),
    // A cash refund counts against this person's cash drawer for the Hong Kong day of refundedAt.
    refundedBy: integer()
      .notNull()
      .references(() => staff.id),
    refundedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("refunds_payment_key").on(t.paymentId),
    check("refunds_amount_positive", sql`${t.amountMinor} > 0`),
    check("refunds_reason_present", sql`char_length(btrim(${t.reason})) > 0`),
    check("refunds_reference_format", sql`${t.reference} is null or ${t.reference} ~ '^[A-Z0-9][A-Z0-9_/.]{3,63}$'`),
    // Refunds recorded before methods existed have no reference: the migration adds this NOT VALID.
    check(
      "refunds_reference_for_electronic",
      sql`${t.method} in ('cash', 'stored_value') or ${t.reference} is not null`,
    ),
    check(
      "refunds_reference_only_electronic",
      sql`${t.method} not in ('cash', 'stored_value') or ${t.reference} is null`,
    ),
    index("refunds_refunded_by_at").on(t.refundedBy, t.refundedAt),
    index("refunds_refunded_at").on(t.refundedAt, t.id),
  ],
);

export const storedValueReason = pgEnum("stored_value_reason", storedValueReasons);

/** Every change to a card's HKD balance; balanceAfter chains per card. */
export const storedValueLedger = pgTable(
  "stored_value_ledger",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    deltaMinor: integer().notNull(),
    balanceAfterMinor: integer().notNull(),
    reason: storedValueReason().notNull(),
    renewalId: integer().references(() => renewals.id),
    // The top-up payment this row records, when it records one.
    paymentId: integer().references(() => payments.id),
    staffId: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("stored_value_ledger_card").on(t.cardId, t.id),
    // A top-up's receipt finds its ledger row by payment.
    index("stored_value_ledger_payment")
      .on(t.paymentId)
      .where(sql`${t.paymentId} is not null`),
    check("stored_value_ledger_delta_nonzero", sql`${t.deltaMinor} <> 0`),
    check("stored_value_ledger_balance_nonnegative", sql`${t.balanceAfterMinor} >= 0`),
  ],
);

/**
 * Daily rollup of renewals by Hong Kong calendar day, kept in step by the
 * renewal and void transactions so reports over years read a few thousand rows.
 */
export const renewalDailyStats = pgTable(
  "renewal_daily_stats",
  {
    day: date({ mode: "string" }).notNull(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    method: paymentMethod().notNull(),
    currency: currency().notNull(),
    channel: renewalChannel().notNull(),
    soldBy: integer().references(() => staff.id),
    cardState: cardStateAtRenewal().notNull(),
    renewals: integer().notNull().default(0),
    revenueMinor: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    unique("renewal_daily_stats_key")
      .on(t.day, t.planId, t.method, t.currency, t.channel, t.soldBy, t.cardState)
      .nullsNotDistinct(),
    check("renewal_daily_stats_nonnegative", sql`${t.renewals} >= 0 and ${t.revenueMinor} >= 0`),
  ],
);

/*
 * The daily rollup again at each report chart's own grain, so a three-year
 * report reads a few thousand rows per chart instead of every
 * (day, plan, method, currency, channel, agent, state) bucket. A trigger on
 * renewal_daily_stats adds every change of it to these, in the writer's own
 * transaction, so they are exactly as current as the rollup they project.
 * `slot` (the agent's id mod 4) spreads one busy day's bucket over four rows,
 * so agents selling at the same moment do not queue on one row lock; readers
 * sum the slots.
 */
export const renewalDayPlan = pgTable(
  "renewal_day_plan",
  {
    day: date({ mode: "string" }).notNull(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    slot: smallint().notNull(),
    renewals: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.planId, t.slot] })],
);

export const renewalDayMethod = pgTable(
  "renewal_day_method",
  {
    day: date({ mode: "string" }).notNull(),
    method: paymentMethod().notNull(),
    slot: smallint().notNull(),
    renewals: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.method, t.slot] })],
);

/** One row per agent and day (null: self-service); an agent's own sales seldom contend. */
export const renewalDayAgent = pgTable(
  "renewal_day_agent",
  {
    day: date({ mode: "string" }).notNull(),
    soldBy: integer().references(() => staff.id),
    renewals: integer().notNull().default(0),
  },
  (t) => [unique("renewal_day_agent_key").on(t.day, t.soldBy).nullsNotDistinct()],
);

export const renewalDayCurrencyState = pgTable(
  "renewal_day_currency_state",
  {
    day: date({ mode: "string" }).notNull(),
    currency: currency().notNull(),
    cardState: cardStateAtRenewal().notNull(),
    slot: smallint().notNull(),
    renewals: integer().notNull().default(0),
    revenueMinor: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.currency, t.cardState, t.slot] })],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: uuid().primaryKey(),
    staffId: integer()
      .notNull()
      .references(() => staff.id),
    scope: text().notNull(),
    requestHash: text().notNull(),
    result: text(),
    createdAt: createdAt(),
  },
  (t) => [index("idempotency_keys_created_at").on(t.createdAt)],
);

/**
 * How many cards are on each plan version now, as a running total: +1 on the
 * Hong Kong day a period starts, -1 on the day after it ends (periods end at
 * 23:59:59; a queued period starting then counts from the next day). The sum
 * of deltas up to today is the number of periods running today. A trigger on
 * periods keeps it in step with every insert, void and date change, inside the
 * writer's transaction; the catalog reads a few thousand rows instead of
 * scanning millions of periods.
 */
export const planVersionPeriodDeltas = pgTable(
  "plan_version_period_deltas",
  {
    planVersionId: integer()
      .notNull()
      .references(() => planVersions.id),
    day: date({ mode: "string" }).notNull(),
    delta: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.planVersionId, t.day] })],
);
