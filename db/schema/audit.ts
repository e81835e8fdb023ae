import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { customers } from "./customers";
import { staff } from "./staff";
import { contactChannels } from "@/lib/domain/enums";

export const contactChannel = pgEnum("contact_channel", contactChannels);

/**
 * Insert-only: triggers refuse UPDATE, DELETE and TRUNCATE. Besides who did
 * what, a row carries the desk's record of contact (ticket reference, channel,
 * note, a supervisor's reason) and the customer it concerns, so a ticket
 * reference finds the customer and the customer's timeline reads one index.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorStaffId: integer().references(() => staff.id),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    customerId: integer().references(() => customers.id),
    ticketRef: text(),
    contactChannel: contactChannel(),
    contactNote: text(),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_entity").on(t.entityType, t.entityId, t.id.desc()),
    index("audit_log_actor").on(t.actorStaffId, t.id.desc()),
    index("audit_log_customer")
      .on(t.customerId, t.id.desc())
      .where(sql`${t.customerId} is not null`),
    index("audit_log_ticket_ref")
      .on(sql`upper(${t.ticketRef})`)
      .where(sql`${t.ticketRef} is not null`),
    check(
      "audit_log_ticket_ref_format",
      sql`${t.ticketRef} is null or char_length(btrim(${t.ticketRef})) between 1 and 64`,
    ),
    check("audit_log_contact_note_length", sql`${t.contactNote} is null or char_length(${t.contactNote}) <= 1000`),
    check("audit_log_reason_present", sql`${t.reason} is null or char_length(btrim(${t.reason})) between 1 and 1000`),
  ],
);
