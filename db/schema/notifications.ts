import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { cards } from "@/db/schema/cards";
import { createdAt, instant } from "@/db/schema/columns";
import { language } from "@/db/schema/customers";
import { renewals } from "@/db/schema/renewals";
import { staff } from "@/db/schema/staff";
import { notificationKinds, notificationStatuses } from "@/lib/domain/enums";

export const notificationKind = pgEnum("notification_kind", notificationKinds);

export const notificationStatus = pgEnum("notification_status", notificationStatuses);

/** Written in the same transaction as what it announces; a worker sends it. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: notificationKind().notNull(),
    channel: text().notNull().default("sms"),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    renewalId: integer().references(() => renewals.id),
    toMsisdn: text().notNull(),
    language: language().notNull(),
    body: text().notNull(),
    // One message per purpose (e.g. "renewal:42:confirmation"); the provider gets it too.
    dedupeKey: text().notNull(),
    status: notificationStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: instant().notNull().defaultNow(),
    lockedUntil: instant(),
    sentAt: instant(),
    providerMessageId: text(),
    lastError: text(),
    createdBy: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.dedupeKey),
    index("notifications_due")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("notifications_card").on(t.cardId, t.id.desc()),
    // The receipt lists its renewal's messages: without this, each receipt read every message.
    index("notifications_renewal")
      .on(t.renewalId, t.id)
      .where(sql`${t.renewalId} is not null`),
    check("notifications_channel", sql`${t.channel} in ('sms')`),
    check("notifications_sent_consistent", sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
  ],
);
