import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contactChannel } from "./audit";
import { cards } from "./cards";
import { createdAt, instant } from "./columns";
import { customers } from "./customers";
import { staff } from "./staff";
import { contactOutcomes, goodwillItemStatuses, goodwillJobStatuses, goodwillReasons } from "@/lib/domain/enums";

export const goodwillReason = pgEnum("goodwill_reason", goodwillReasons);
export const goodwillJobStatus = pgEnum("goodwill_job_status", goodwillJobStatuses);
export const goodwillItemStatus = pgEnum("goodwill_item_status", goodwillItemStatuses);
export const contactOutcome = pgEnum("contact_outcome", contactOutcomes);

/**
 * A bulk goodwill extension (an outage): the cards chosen at confirm, one item
 * each, worked through by a background worker in one small transaction per
 * card. `key` is the confirm's idempotency key, so a double submit is one job.
 */
export const goodwillJobs = pgTable(
  "goodwill_jobs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    key: uuid().notNull(),
    days: integer().notNull(),
    reasonCode: goodwillReason().notNull(),
    reason: text().notNull(),
    ticketRef: text(),
    status: goodwillJobStatus().notNull().default("running"),
    total: integer().notNull(),
    createdBy: integer()
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
    finishedAt: instant(),
  },
  (t) => [
    uniqueIndex("goodwill_jobs_key").on(t.key),
    index("goodwill_jobs_running")
      .on(t.id)
      .where(sql`${t.status} = 'running'`),
    check("goodwill_jobs_days", sql`${t.days} between 1 and 30`),
    check("goodwill_jobs_reason_present", sql`char_length(btrim(${t.reason})) between 1 and 500`),
    check("goodwill_jobs_done_consistent", sql`(${t.status} = 'done') = (${t.finishedAt} is not null)`),
  ],
);

export const goodwillJobItems = pgTable(
  "goodwill_job_items",
  {
    jobId: integer()
      .notNull()
      .references(() => goodwillJobs.id),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    status: goodwillItemStatus().notNull().default("pending"),
    /** Why the card was skipped: a goodwill refusal code. */
    skipReason: text(),
    processedAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.cardId] }),
    index("goodwill_job_items_pending")
      .on(t.jobId, t.cardId)
      .where(sql`${t.status} = 'pending'`),
    check("goodwill_job_items_skip_reason", sql`(${t.status} = 'skipped') = (${t.skipReason} is not null)`),
    check("goodwill_job_items_processed", sql`(${t.status} = 'pending') = (${t.processedAt} is null)`),
  ],
);

/**
 * A goodwill extension granted to a card: the end moves by `days`, no data is
 * added and no money moves (never revenue; reports count these apart). A card
 * is extended at most once per bulk job, by the unique index.
 */
export const goodwillExtensions = pgTable(
  "goodwill_extensions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    days: integer().notNull(),
    reasonCode: goodwillReason().notNull(),
    reason: text().notNull(),
    previousValidityEnd: instant().notNull(),
    newValidityEnd: instant().notNull(),
    jobId: integer().references(() => goodwillJobs.id),
    grantedBy: integer()
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("goodwill_extensions_card").on(t.cardId, t.createdAt.desc()),
    index("goodwill_extensions_created_at").on(t.createdAt),
    uniqueIndex("goodwill_extensions_job_card")
      .on(t.jobId, t.cardId)
      .where(sql`${t.jobId} is not null`),
    check("goodwill_extensions_days", sql`${t.days} between 1 and 30`),
    check("goodwill_extensions_moves_forward", sql`${t.newValidityEnd} > ${t.previousValidityEnd}`),
    check("goodwill_extensions_reason_present", sql`char_length(btrim(${t.reason})) between 1 and 500`),
  ],
);

/** The desk's contact log, per customer and optionally per card. */
export const contacts = pgTable(
  "contacts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    cardId: integer().references(() => cards.id),
    channel: contactChannel().notNull(),
    outcome: contactOutcome().notNull(),
    callBackAt: instant(),
    note: text(),
    ticketRef: text(),
    staffId: integer()
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("contacts_customer").on(t.customerId, t.createdAt.desc(), t.id.desc()),
    index("contacts_card").on(t.cardId, t.id.desc()),
    check("contacts_call_back_at", sql`(${t.outcome} = 'call_back') = (${t.callBackAt} is not null)`),
    check("contacts_note_length", sql`${t.note} is null or char_length(${t.note}) <= 500`),
    check("contacts_ticket_ref_length", sql`${t.ticketRef} is null or char_length(${t.ticketRef}) <= 64`),
  ],
);
