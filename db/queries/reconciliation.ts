import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { cards, payments, refunds, settlementFiles, settlementLines, settlementMappings, staff } from "@/db/schema";
import type { PaymentMethod, SettlementOutcome } from "@/lib/domain/enums";
import type { ConsoleMoney } from "@/lib/domain/settlement/match";

export async function findSettlementFileByHash(sha256: string, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({ id: settlementFiles.id, uploadedAt: settlementFiles.uploadedAt })
    .from(settlementFiles)
    .where(eq(settlementFiles.contentSha256, sha256));
  return row ?? null;
}

/** The console's payments and refunds of `method` that `where` selects, as matching reads them. */
async function listConsoleMoney(
  method: PaymentMethod,
  where: { payments: SQL | undefined; refunds: SQL | undefined } | null,
  db: DbOrTx,
): Promise<ConsoleMoney[]> {
  const [paid, refunded] = await Promise.all([
    where?.payments
      ? db
          .select({
            id: payments.id,
            reference: payments.reference,
            amountMinor: payments.amountMinor,
            currency: payments.currency,
            at: payments.receivedAt,
          })
          .from(payments)
          .where(and(eq(payments.method, method), where.payments))
      : [],
    where?.refunds
      ? db
          .select({
            id: refunds.id,
            reference: refunds.reference,
            amountMinor: refunds.amountMinor,
            currency: refunds.currency,
            at: refunds.refundedAt,
          })
          .from(refunds)
          .where(and(eq(refunds.method, method), where.refunds))
      : [],
  ]);
  return [
    ...paid.map((p) => ({ kind: "payment" as const, ...p })),
    ...refunded.map((r) => ({ kind: "refund" as const, ...r })),
  ];
}

/** The console payments and refunds of `method` whose reference is one of `references` (normalised). */
export async function listConsoleMoneyByReference(
  method: PaymentMethod,
  references: { payments: string[]; refunds: string[] },
  db: DbOrTx = defaultDb,
): Promise<ConsoleMoney[]> {
  return listConsoleMoney(
    method,
    {
      payments: references.payments.length ? inArray(payments.reference, references.payments) : undefined,
      refunds: references.refunds.length ? inArray(refunds.reference, references.refunds) : undefined,
    },
    db,
  );
}

const reconciled = (column: typeof settlementLines.paymentId | typeof settlementLines.refundId, id: unknown) =>
  sql`exists (select 1 from ${settlementLines} where ${column} = ${id} and ${settlementLines.outcome} in ('matched', 'amount_differs'))`;

/**
 * The console's money of `method` inside a file's days that no file has
 * accounted for yet: what the file must contain, or it is "missing in the file".
 */
export async function listUnreconciledConsoleMoney(
  method: PaymentMethod,
  period: { from: Date; to: Date },
  db: DbOrTx = defaultDb,
): Promise<ConsoleMoney[]> {
  return listConsoleMoney(
    method,
    {
      payments: and(
        gte(payments.receivedAt, period.from),
        lte(payments.receivedAt, period.to),
        sql`not ${reconciled(settlementLines.paymentId, payments.id)}`,
      ),
      refunds: and(
        gte(refunds.refundedAt, period.from),
        lte(refunds.refundedAt, period.to),
        sql`not ${reconciled(settlementLines.refundId, refunds.id)}`,
      ),
    },
    db,
  );
}

export async function listSettlementFiles(db: DbOrTx = defaultDb) {
  return db
    .select({
      id: settlementFiles.id,
      format: settlementFiles.format,
      method: settlementFiles.method,
      fileName: settlementFiles.fileName,
      periodFrom: settlementFiles.periodFrom,
      periodTo: settlementFiles.periodTo,
      lineCount: settlementFiles.lineCount,
      uploadedAt: settlementFiles.uploadedAt,
      uploadedByName: staff.name,
      openExceptions: sql<number>`(select count(*)::int from ${settlementLines} l where l.file_id = ${settlementFiles.id} and l.outcome <> 'matched' and l.resolved_at is null)`,
    })
    .from(settlementFiles)
    .innerJoin(staff, eq(staff.id, settlementFiles.uploadedBy))
    .orderBy(desc(settlementFiles.uploadedAt), desc(settlementFiles.id))
    .limit(100);
}

export async function getSettlementFile(fileId: number, db: DbOrTx = defaultDb) {
  const [file] = await db
    .select({
      id: settlementFiles.id,
      format: settlementFiles.format,
      method: settlementFiles.method,
      fileName: settlementFiles.fileName,
      byteSize: settlementFiles.byteSize,
      periodFrom: settlementFiles.periodFrom,
      periodTo: settlementFiles.periodTo,
      lineCount: settlementFiles.lineCount,
      ignoredCount: settlementFiles.ignoredCount,
      uploadedAt: settlementFiles.uploadedAt,
      uploadedByName: staff.name,
    })
    .from(settlementFiles)
    .innerJoin(staff, eq(staff.id, settlementFiles.uploadedBy))
    .where(eq(settlementFiles.id, fileId));
  if (!file) return null;
  const outcomes = await db
    .select({
      outcome: settlementLines.outcome,
      lines: count(),
      open: sql<number>`count(*) filter (where ${settlementLines.resolvedAt} is null)::int`,
    })
    .from(settlementLines)
    .where(eq(settlementLines.fileId, fileId))
    .groupBy(settlementLines.outcome);
  const totals = await db
    .select({
      currency: settlementLines.currency,
      kind: settlementLines.kind,
      lines: count(),
      totalMinor: sql<string>`sum(${settlementLines.amountMinor})::bigint`,
    })
    .from(settlementLines)
    .where(and(eq(settlementLines.fileId, fileId), isNotNull(settlementLines.lineNo)))
    .groupBy(settlementLines.currency, settlementLines.kind)
    .orderBy(asc(settlementLines.currency), asc(settlementLines.kind));
  return { ...file, outcomes, totals: totals.map((t) => ({ ...t, totalMinor: Number(t.totalMinor) })) };
}

const lineColumns = {
  id: settlementLines.id,
  fileId: settlementLines.fileId,
  lineNo: settlementLines.lineNo,
  kind: settlementLines.kind,
  reference: settlementLines.reference,
  amountMinor: settlementLines.amountMinor,
  currency: settlementLines.currency,
  occurredAt: settlementLines.occurredAt,
  outcome: settlementLines.outcome,
  paymentId: settlementLines.paymentId,
  refundId: settlementLines.refundId,
  resolution: settlementLines.resolution,
  resolutionNote: settlementLines.resolutionNote,
  linkedRenewalId: settlementLines.linkedRenewalId,
  resolvedAt: settlementLines.resolvedAt,
  consoleReference: sql<string | null>`coalesce(${payments.reference}, ${refunds.reference})`,
  consoleAmountMinor: sql<number | null>`coalesce(${payments.amountMinor}, ${refunds.amountMinor})`,
  consoleCurrency: sql<"HKD" | "CNY" | null>`coalesce(${payments.currency}, ${refunds.currency})::text`,
  consoleAt: sql<Date | null>`coalesce(${payments.receivedAt}, ${refunds.refundedAt})`,
  renewalId: payments.renewalId,
  cardId: payments.cardId,
  customerId: cards.customerId,
};

function lineQuery(db: DbOrTx) {
  return db
    .select(lineColumns)
    .from(settlementLines)
    .leftJoin(refunds, eq(refunds.id, settlementLines.refundId))
    .leftJoin(payments, sql`${payments.id} = coalesce(${settlementLines.paymentId}, ${refunds.paymentId})`)
    .leftJoin(cards, eq(cards.id, payments.cardId));
}

/** A file's lines, filtered by outcome (or every exception with `exceptions`), in file order. */
export async function listSettlementLines(
  filter: { fileId?: number; outcome?: SettlementOutcome | "exceptions"; openOnly?: boolean; limit?: number },
  db: DbOrTx = defaultDb,
) {
  const where = and(
    filter.fileId ? eq(settlementLines.fileId, filter.fileId) : undefined,
    filter.outcome === "exceptions"
      ? ne(settlementLines.outcome, "matched")
      : filter.outcome
        ? eq(settlementLines.outcome, filter.outcome)
        : undefined,
    filter.openOnly ? isNull(settlementLines.resolvedAt) : undefined,
  );
  const rows = await lineQuery(db)
    .where(where)
    .orderBy(asc(settlementLines.fileId), sql`${settlementLines.lineNo} nulls last`, asc(settlementLines.id))
    .limit(filter.limit ?? 500);
  return rows.map(withDates);
}

function withDates<T extends { consoleAt: Date | string | null; consoleAmountMinor: number | string | null }>(row: T) {
  return {
    ...row,
    consoleAt: row.consoleAt === null ? null : new Date(row.consoleAt),
    consoleAmountMinor: row.consoleAmountMinor === null ? null : Number(row.consoleAmountMinor),
  };
}

export async function getSettlementLine(lineId: number, db: DbOrTx = defaultDb) {
  const [row] = await lineQuery(db).where(eq(settlementLines.id, lineId));
  if (!row) return null;
  const [resolver] = row.resolvedAt
    ? await db
        .select({ name: staff.name })
        .from(staff)
        .innerJoin(settlementLines, eq(settlementLines.resolvedBy, staff.id))
        .where(eq(settlementLines.id, lineId))
    : [];
  return { ...withDates(row), resolvedByName: resolver?.name ?? null };
}

/** What the receipt shows: the latest file line that accounts for this payment, if any. */
export async function getPaymentReconciliation(paymentId: number, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({
      lineId: settlementLines.id,
      fileId: settlementLines.fileId,
      outcome: settlementLines.outcome,
      resolution: settlementLines.resolution,
      resolvedAt: settlementLines.resolvedAt,
    })
    .from(settlementLines)
    .where(eq(settlementLines.paymentId, paymentId))
    .orderBy(desc(settlementLines.id))
    .limit(1);
  return row ?? null;
}

export async function getSettlementMapping(method: PaymentMethod, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({
      referenceColumn: settlementMappings.referenceColumn,
      amountColumn: settlementMappings.amountColumn,
      timeColumn: settlementMappings.timeColumn,
      currencyColumn: settlementMappings.currencyColumn,
      defaultCurrency: settlementMappings.defaultCurrency,
    })
    .from(settlementMappings)
    .where(eq(settlementMappings.method, method));
  return row ?? null;
}

/**
 * The daily close: per method and currency, the console's electronic money of
 * a Hong Kong day against what settlement files report for that day.
 */
export async function listDailyClose(day: string, db: DbOrTx = defaultDb) {
  const rows = await db.execute<{
    method: PaymentMethod;
    currency: "HKD" | "CNY";
    console_minor: string;
    settled_minor: string;
  }>(sql`
    with bounds as (
      select (${day}::date::timestamp at time zone 'Asia/Hong_Kong') as from_at,
             ((${day}::date + 1)::timestamp at time zone 'Asia/Hong_Kong') as to_at
    ), console as (
      select p.method, p.currency, sum(p.amount_minor) as minor from payments p, bounds b
       where p.received_at >= b.from_at and p.received_at < b.to_at and p.method not in ('stored_value')
       group by 1, 2
      union all
      select r.method, r.currency, -sum(r.amount_minor) from refunds r, bounds b
       where r.refunded_at >= b.from_at and r.refunded_at < b.to_at and r.method not in ('stored_value')
       group by 1, 2
    ), settled as (
      select f.method, l.currency, sum(case when l.kind = 'payment' then l.amount_minor else -l.amount_minor end) as minor
        from settlement_lines l join settlement_files f on f.id = l.file_id, bounds b
       where l.line_no is not null and l.occurred_at >= b.from_at and l.occurred_at < b.to_at
       group by 1, 2
    )
    select method, currency, coalesce(sum(minor) filter (where src = 'c'), 0)::bigint as console_minor,
           coalesce(sum(minor) filter (where src = 's'), 0)::bigint as settled_minor
      from (select 'c' as src, * from console union all select 's', * from settled) x
     group by method, currency
     order by method, currency`);
  return rows.map((r) => ({
    method: r.method,
    currency: r.currency,
    consoleMinor: Number(r.console_minor),
    // Cash has no provider file: its check is the drawer count.
    settledMinor: r.method === "cash" ? null : Number(r.settled_minor),
    differenceMinor: r.method === "cash" ? null : Number(r.settled_minor) - Number(r.console_minor),
  }));
}
