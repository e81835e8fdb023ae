import { and, desc, eq, gte, ilike, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db as defaultDb, type DbOrTx } from "@/db";
import { securityEvents, staff } from "../schema";

export const SECURITY_EVENTS_PAGE_SIZE = 100;

export interface SecurityEventFilter {
  kind?: string;
  /** The start of the email of the staff member the event is about. */
  staff?: string;
  address?: string;
  /** Keyset: events older than this id. */
  before?: number | null;
  /** Only events at or after this instant. */
  since?: Date | null;
}

/** The security log, newest first, filtered (the security_events_* indexes). */
export async function listSecurityEvents(filter: SecurityEventFilter, db: DbOrTx = defaultDb) {
  const subject = alias(staff, "subject");
  const actor = alias(staff, "actor");
  const rows = await db
    .select({
      id: securityEvents.id,
      occurredAt: securityEvents.occurredAt,
      kind: securityEvents.kind,
      address: securityEvents.address,
      detail: securityEvents.detail,
      staffId: securityEvents.staffId,
      staffName: subject.name,
      staffEmail: subject.email,
      actorName: actor.name,
    })
    .from(securityEvents)
    .leftJoin(subject, eq(subject.id, securityEvents.staffId))
    .leftJoin(actor, eq(actor.id, securityEvents.actorStaffId))
    .where(
      and(
        filter.kind ? eq(securityEvents.kind, filter.kind) : undefined,
        filter.staff ? ilike(subject.email, `${filter.staff.replace(/[\\%_]/g, "\\$&")}%`) : undefined,
        filter.address ? eq(securityEvents.address, filter.address) : undefined,
        filter.before ? lt(securityEvents.id, filter.before) : undefined,
        filter.since ? gte(securityEvents.occurredAt, filter.since) : undefined,
      ),
    )
    .orderBy(desc(securityEvents.id))
    .limit(SECURITY_EVENTS_PAGE_SIZE + 1);
  return {
    items: rows.slice(0, SECURITY_EVENTS_PAGE_SIZE),
    nextBefore: rows.length > SECURITY_EVENTS_PAGE_SIZE ? rows[SECURITY_EVENTS_PAGE_SIZE - 1]!.id : null,
  };
}
export type SecurityEventRow = Awaited<ReturnType<typeof listSecurityEvents>>["items"][number];

/** Event counts per kind over the last day, for the log's summary line. */
export async function countRecentSecurityEvents(db: DbOrTx = defaultDb) {
  return db
    .select({ kind: securityEvents.kind, count: sql<number>`count(*)::int` })
    .from(securityEvents)
    .where(gte(securityEvents.occurredAt, sql`now() - interval '24 hours'`))
    .groupBy(securityEvents.kind)
    .orderBy(securityEvents.kind);
}
