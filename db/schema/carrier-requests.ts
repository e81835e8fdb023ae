import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { cards } from "@/db/schema/cards";
import { createdAt, instant } from "@/db/schema/columns";
import { renewals } from "@/db/schema/renewals";
import { staff } from "@/db/schema/staff";
import { carrierRequestKinds, carrierRequestStatuses } from "@/lib/domain/enums";

export const carrierRequestKind = pgEnum("carrier_request_kind", carrierRequestKinds);

export const carrierRequestStatus = pgEnum("carrier_request_status", carrierRequestStatuses);

/**
 * What the console asked the carrier to do. Written in the same transaction
 * as the change that needs it (a renewal, a void, a suspension), performed
 * after commit by the action and, when that fails, by the carrier worker with
 * backoff. `dedupeKey` names the purpose ("renewal:42:activate") and is the
 * idempotency key the carrier sees, so a repeated call is the same request.
 */
export const carrierRequests = pgTable(
  "carrier_requests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: carrierRequestKind().notNull(),
    cardId: integer()
      .notNull()
      .references(() => cards.id),
    renewalId: integer().references(() => renewals.id),
    // What the carrier needs for this kind (dates, quotas, the new ICCID …), as sent.
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text().notNull(),
    status: carrierRequestStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: instant().notNull().defaultNow(),
    lockedUntil: instant(),
    lastError: text(),
    carrierReference: text(),
    createdBy: integer().references(() => staff.id),
    createdAt: createdAt(),
    completedAt: instant(),
  },
  (t) => [
    uniqueIndex("carrier_requests_dedupe_key").on(t.dedupeKey),
    index("carrier_requests_due")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("carrier_requests_renewal").on(t.renewalId),
    index("carrier_requests_card").on(t.cardId, t.id.desc()),
    check("carrier_requests_attempts_nonnegative", sql`${t.attempts} >= 0`),
    check("carrier_requests_completed_consistent", sql`(${t.status} = 'pending') = (${t.completedAt} is null)`),
    check(
      "carrier_requests_reference_on_success",
      sql`${t.status} <> 'succeeded' or ${t.carrierReference} is not null`,
    ),
    check(
      "carrier_requests_renewal_kinds",
      sql`${t.kind} not in ('activate', 'deactivate') or ${t.renewalId} is not null`,
    ),
  ],
);
