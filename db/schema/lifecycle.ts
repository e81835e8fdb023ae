import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { cardForm, cards, suspensionReason } from "./cards";
import { createdAt, instant } from "./columns";
import { currency, payments } from "./renewals";
import { staff } from "./staff";
import { cardSuccessionKinds, replacementReasons, simHandovers } from "@/lib/domain/enums";

export const replacementReason = pgEnum("replacement_reason", replacementReasons);
export const cardSuccessionKind = pgEnum("card_succession_kind", cardSuccessionKinds);
export const simHandover = pgEnum("sim_handover", simHandovers);

/**
 * One row per suspension, from the suspend to its lift: the card page, the
 * history and the reports' daily counts of suspensions and lifts read it.
 * The card row carries the open one (suspended_at, suspension_reason).
 */
export const cardSuspensions = pgTable(
  "card_suspensions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    reason: suspensionReason().notNull(),
    note: text(),
    ticketReference: text(),
    suspendedBy: integer().references(() => staff.id),
    suspendedAt: instant().notNull(),
    liftedAt: instant(),
    liftedBy: integer().references(() => staff.id),
    liftNote: text(),
    liftTicketReference: text(),
    // Set when the suspension ended because a replacement SIM took the numbers (lost or stolen).
    endedByReplacementId: integer(),
  },
  (t) => [
    // A card has at most one suspension open at a time.
    uniqueIndex("card_suspensions_open_key")
      .on(t.cardId)
      .where(sql`${t.liftedAt} is null`),
    index("card_suspensions_card").on(t.cardId, t.id.desc()),
    index("card_suspensions_suspended_at").on(t.suspendedAt),
    index("card_suspensions_lifted_at")
      .on(t.liftedAt)
      .where(sql`${t.liftedAt} is not null`),
    check(
      "card_suspensions_fraud_note",
      sql`${t.reason} <> 'fraud' or char_length(btrim(coalesce(${t.note}, ''))) > 0`,
    ),
    check(
      "card_suspensions_ticket_length",
      sql`char_length(${t.ticketReference}) <= 64 and char_length(${t.liftTicketReference}) <= 64`,
    ),
    check("card_suspensions_note_length", sql`char_length(${t.note}) <= 500 and char_length(${t.liftNote}) <= 500`),
    check("card_suspensions_lift_consistent", sql`${t.liftedAt} is not null or ${t.liftedBy} is null`),
    check("card_suspensions_lift_after", sql`${t.liftedAt} is null or ${t.liftedAt} >= ${t.suspendedAt}`),
  ],
);

/**
 * A card's successor: a replacement SIM that took over its numbers, validity,
 * periods and balance, or a new card (with new numbers) for the customer of an
 * expired one. One successor per card, so two agents replacing one card
 * cannot both win.
 */
export const cardSuccessions = pgTable(
  "card_successions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: cardSuccessionKind().notNull(),
    oldCardId: integer()
      .notNull()
      .references(() => cards.id),
    newCardId: integer()
      .notNull()
      .references(() => cards.id),
    reason: replacementReason(),
    form: cardForm().notNull(),
    handover: simHandover(),
    deliveryAddress: text(),
    feeMinor: integer(),
    feeCurrency: currency(),
    paymentId: integer().references(() => payments.id),
    feeWaivedBy: integer().references(() => staff.id),
    feeWaiveReason: text(),
    ticketReference: text(),
    createdBy: integer()
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("card_successions_old_card_key").on(t.oldCardId),
    uniqueIndex("card_successions_new_card_key").on(t.newCardId),
    index("card_successions_created_at").on(t.createdAt),
    check("card_successions_distinct_cards", sql`${t.oldCardId} <> ${t.newCardId}`),
    check("card_successions_reason", sql`(${t.kind} = 'replacement') = (${t.reason} is not null)`),
    check(
      "card_successions_handover",
      sql`(${t.form} = 'physical') = (${t.handover} is not null) and (${t.handover} = 'delivery') = (${t.deliveryAddress} is not null) and char_length(${t.deliveryAddress}) between 5 and 300`,
    ),
    // A replacement's fee is either paid (a payment) or waived by someone with a reason; a new card has none.
    check(
      "card_successions_fee",
      sql`case when ${t.kind} = 'replacement' then coalesce(${t.feeMinor}, 0) > 0 and ${t.feeCurrency} is not null and ((${t.paymentId} is not null) <> (${t.feeWaivedBy} is not null)) else ${t.feeMinor} is null and ${t.paymentId} is null and ${t.feeWaivedBy} is null end`,
    ),
    check(
      "card_successions_waive_reason",
      sql`(${t.feeWaivedBy} is null) = (${t.feeWaiveReason} is null) and char_length(btrim(${t.feeWaiveReason})) between 1 and 500`,
    ),
    check("card_successions_ticket_length", sql`char_length(${t.ticketReference}) <= 64`),
  ],
);
