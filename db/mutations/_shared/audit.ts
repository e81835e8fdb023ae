import { sql, type SQL } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { ContactChannel } from "@/lib/domain/enums";

/**
 * The desk's record of contact that may come with any write (DOMAIN.md, "The
 * desk's record of contact"): validated by lib/validation/contact.ts, stored in
 * the audit row. `reason` is what a supervisor action must give.
 */
export interface AuditContext {
  ticketRef?: string | null;
  channel?: ContactChannel | null;
  note?: string | null;
  reason?: string | null;
}

export interface AuditEntry {
  actorStaffId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  context?: AuditContext;
  /** The customer the entry concerns; worked out from the entity when not given. */
  customerId?: number | null;
}

/** The customer behind an entity, read in the audit insert itself (no extra round trip). */
function customerOf(entityType: string, entityId: string): SQL | null {
  if (!/^\d{1,15}$/.test(entityId)) return null;
  const id = Number(entityId);
  switch (entityType) {
    case "customer":
      return sql`${id}::int`;
    case "card":
      return sql`(select customer_id from cards where id = ${id})`;
    case "renewal":
      return sql`(select c.customer_id from renewals r join cards c on c.id = r.card_id where r.id = ${id})`;
    case "payment":
      return sql`(select c.customer_id from payments p join cards c on c.id = p.card_id where p.id = ${id})`;
    case "notification":
      return sql`(select c.customer_id from notifications n join cards c on c.id = n.card_id where n.id = ${id})`;
    default:
      return null;
  }
}

const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** Written inside the caller's transaction, so the change and its record commit together. */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const entityId = String(entry.entityId);
  const context = entry.context ?? {};
  await tx.insert(auditLog).values({
    actorStaffId: entry.actorStaffId,
    action: entry.action,
    entityType: entry.entityType,
    entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    customerId: entry.customerId ?? customerOf(entry.entityType, entityId),
    ticketRef: blankToNull(context.ticketRef),
    contactChannel: context.channel ?? null,
    contactNote: blankToNull(context.note),
    reason: blankToNull(context.reason),
  });
}
