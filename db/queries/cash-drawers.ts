import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { cashDrawerCorrections, cashDrawers, staff } from "@/db/schema";
import type { Currency, PaymentPurpose } from "@/lib/domain/enums";

/**
 * The cash a drawer's agent took and gave back on its Hong Kong day, in its
 * currency: every cash payment they received (renewals, replacement fees,
 * top-ups) and every cash refund they made, read live from the money rows.
 */
function movementsSql(drawer: { staffId: number; day: string; currency: Currency }) {
  return sql`
    select 'payment' as kind, p.id, p.purpose::text as purpose, p.amount_minor as amount_minor, p.received_at as at,
           p.card_id, p.renewal_id
      from payments p
     where p.method = 'cash' and p.received_by = ${drawer.staffId} and p.currency = ${drawer.currency}
       and p.received_at >= (${drawer.day}::date::timestamp at time zone 'Asia/Hong_Kong')
       and p.received_at < ((${drawer.day}::date + 1)::timestamp at time zone 'Asia/Hong_Kong')
    union all
    select 'refund', r.id, p.purpose::text, -r.amount_minor, r.refunded_at, p.card_id, p.renewal_id
      from refunds r join payments p on p.id = r.payment_id
     where r.method = 'cash' and r.refunded_by = ${drawer.staffId} and r.currency = ${drawer.currency}
       and r.refunded_at >= (${drawer.day}::date::timestamp at time zone 'Asia/Hong_Kong')
       and r.refunded_at < ((${drawer.day}::date + 1)::timestamp at time zone 'Asia/Hong_Kong')`;
}

export interface DrawerMovement {
  kind: "payment" | "refund";
  id: number;
  purpose: PaymentPurpose;
  amountMinor: number;
  at: Date;
  cardId: number;
  renewalId: number | null;
}

export async function listDrawerMovements(
  drawer: { staffId: number; day: string; currency: Currency },
  db: DbOrTx = defaultDb,
): Promise<DrawerMovement[]> {
  const rows = await db.execute<{
    kind: "payment" | "refund";
    id: number;
    purpose: PaymentPurpose;
    amount_minor: number;
    at: string | Date;
    card_id: number;
    renewal_id: number | null;
  }>(sql`select * from (${movementsSql(drawer)}) m order by at, kind, id`);
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    purpose: r.purpose,
    amountMinor: r.amount_minor,
    at: new Date(r.at),
    cardId: r.card_id,
    renewalId: r.renewal_id,
  }));
}

/** The sum of a drawer's live movements (cash in less cash out), in minor units. */
export async function sumDrawerMovements(
  drawer: { staffId: number; day: string; currency: Currency },
  db: DbOrTx = defaultDb,
): Promise<number> {
  const [row] = await db.execute<{ total: string }>(
    sql`select coalesce(sum(amount_minor), 0)::bigint as total from (${movementsSql(drawer)}) m`,
  );
  return Number(row!.total);
}

export async function sumDrawerCorrections(drawerId: number, db: DbOrTx = defaultDb): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${cashDrawerCorrections.amountMinor}), 0)::bigint` })
    .from(cashDrawerCorrections)
    .where(eq(cashDrawerCorrections.drawerId, drawerId));
  return Number(row!.total);
}

const drawerColumns = {
  id: cashDrawers.id,
  staffId: cashDrawers.staffId,
  staffName: staff.name,
  day: cashDrawers.day,
  currency: cashDrawers.currency,
  openingFloatMinor: cashDrawers.openingFloatMinor,
  status: cashDrawers.status,
  openedAt: cashDrawers.openedAt,
  closedAt: cashDrawers.closedAt,
  expectedMinor: cashDrawers.expectedMinor,
  countedMinor: cashDrawers.countedMinor,
  differenceReason: cashDrawers.differenceReason,
  signedOffBy: cashDrawers.signedOffBy,
  signedOffAt: cashDrawers.signedOffAt,
  signOffNote: cashDrawers.signOffNote,
};

/** A drawer with its live figures: movements, corrections and what it should hold now. */
export async function getCashDrawer(drawerId: number, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select(drawerColumns)
    .from(cashDrawers)
    .innerJoin(staff, eq(staff.id, cashDrawers.staffId))
    .where(eq(cashDrawers.id, drawerId));
  if (!row) return null;
  const [movements, corrections, signer] = await Promise.all([
    listDrawerMovements(row, db),
    db
      .select({
        id: cashDrawerCorrections.id,
        amountMinor: cashDrawerCorrections.amountMinor,
        reason: cashDrawerCorrections.reason,
        createdAt: cashDrawerCorrections.createdAt,
        createdByName: staff.name,
      })
      .from(cashDrawerCorrections)
      .innerJoin(staff, eq(staff.id, cashDrawerCorrections.createdBy))
      .where(eq(cashDrawerCorrections.drawerId, drawerId))
      .orderBy(asc(cashDrawerCorrections.id)),
    row.signedOffBy
      ? db.select({ name: staff.name }).from(staff).where(eq(staff.id, row.signedOffBy))
      : Promise.resolve([]),
  ]);
  const moved = movements.reduce((sum, m) => sum + m.amountMinor, 0);
  const corrected = corrections.reduce((sum, c) => sum + c.amountMinor, 0);
  return {
    ...row,
    signedOffByName: signer[0]?.name ?? null,
    movements,
    corrections,
    liveExpectedMinor: row.openingFloatMinor + moved + corrected,
  };
}

export type CashDrawerView = NonNullable<Awaited<ReturnType<typeof getCashDrawer>>>;

/** One staff member's drawers of a Hong Kong day (one per currency). */
export async function listOwnDrawers(staffId: number, day: string, db: DbOrTx = defaultDb) {
  const rows = await db
    .select({ id: cashDrawers.id })
    .from(cashDrawers)
    .where(and(eq(cashDrawers.staffId, staffId), eq(cashDrawers.day, day)))
    .orderBy(asc(cashDrawers.currency));
  return Promise.all(rows.map(async (r) => (await getCashDrawer(r.id, db))!));
}

/**
 * Every drawer of a Hong Kong day with what it should hold now, for a
 * supervisor: the sums run in SQL, one row per drawer.
 */
export async function listDrawersOfDay(day: string, db: DbOrTx = defaultDb) {
  const rows = await db
    .select({
      ...drawerColumns,
      moved: sql<string>`(
        select coalesce(sum(p.amount_minor), 0) from payments p
         where p.method = 'cash' and p.received_by = ${cashDrawers.staffId} and p.currency = ${cashDrawers.currency}
           and p.received_at >= (${cashDrawers.day}::timestamp at time zone 'Asia/Hong_Kong')
           and p.received_at < ((${cashDrawers.day} + 1)::timestamp at time zone 'Asia/Hong_Kong'))
        - (select coalesce(sum(r.amount_minor), 0) from refunds r
         where r.method = 'cash' and r.refunded_by = ${cashDrawers.staffId} and r.currency = ${cashDrawers.currency}
           and r.refunded_at >= (${cashDrawers.day}::timestamp at time zone 'Asia/Hong_Kong')
           and r.refunded_at < ((${cashDrawers.day} + 1)::timestamp at time zone 'Asia/Hong_Kong'))`,
      corrected: sql<string>`(select coalesce(sum(c.amount_minor), 0) from cash_drawer_corrections c where c.drawer_id = ${cashDrawers.id})`,
    })
    .from(cashDrawers)
    .innerJoin(staff, eq(staff.id, cashDrawers.staffId))
    .where(eq(cashDrawers.day, day))
    .orderBy(asc(staff.name), asc(cashDrawers.currency));
  return rows.map(({ moved, corrected, ...row }) => ({
    ...row,
    liveExpectedMinor: row.openingFloatMinor + Number(moved) + Number(corrected),
  }));
}

/** Per agent and currency, expected vs counted on a day, for the daily close report. */
export async function listDrawerCloseFigures(day: string, db: DbOrTx = defaultDb) {
  const drawers = await listDrawersOfDay(day, db);
  return drawers.map((d) => ({
    id: d.id,
    staffName: d.staffName,
    currency: d.currency,
    status: d.status,
    expectedMinor: d.expectedMinor ?? d.liveExpectedMinor,
    countedMinor: d.countedMinor,
    differenceMinor: d.countedMinor === null ? null : d.countedMinor - (d.expectedMinor ?? 0),
    differenceReason: d.differenceReason,
  }));
}

export async function recentDrawerDays(limit = 14, db: DbOrTx = defaultDb) {
  const rows = await db
    .selectDistinct({ day: cashDrawers.day })
    .from(cashDrawers)
    .orderBy(desc(cashDrawers.day))
    .limit(limit);
  return rows.map((r) => r.day);
}
