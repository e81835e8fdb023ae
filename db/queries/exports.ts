import { and, desc, eq } from "drizzle-orm";
import type postgres from "postgres";
import { db as defaultDb, type Db, type DbOrTx } from "@/db";
import { exportJobChunks, exportJobs } from "@/db/schema";
import { exportKinds, type ExportKind } from "@/lib/domain/enums";
import { minorToMajor } from "@/lib/domain/money";
import { csvLine, type CsvValue } from "@/lib/domain/reports/csv";

export { exportKinds, type ExportKind };

/** Rows read per round trip: memory holds one batch, whatever the range. */
const BATCH = 2000;

const hkt = (column: string) => `to_char(${column} at time zone 'Asia/Hong_Kong', 'YYYY-MM-DD HH24:MI:SS')`;

interface ExportSpec {
  header: string[];
  sql: string;
  /** Columns holding minor units, written as major-unit decimals. */
  money: string[];
}

/**
 * What each export holds: explicit columns, times already in Hong Kong time,
 * ordered by time so a spreadsheet reads it as a ledger. $1/$2 are the range
 * [from, to) as instants.
 */
const specs: Record<ExportKind, ExportSpec> = {
  payments: {
    header: [
      "payment_id",
      "received_at_hkt",
      "purpose",
      "method",
      "reference",
      "amount",
      "currency",
      "card_iccid",
      "customer_id",
      "renewal_id",
      "received_by",
      "reconciliation",
    ],
    money: ["amount"],
    sql: `select p.id, ${hkt("p.received_at")} as at, p.purpose::text, p.method::text, p.reference, p.amount_minor as amount,
                 p.currency::text, c.iccid, c.customer_id, p.renewal_id, s.name as staff,
                 (select l.outcome::text || coalesce('/' || l.resolution::text, '') from settlement_lines l
                   where l.payment_id = p.id order by l.id desc limit 1) as reconciliation
            from payments p join cards c on c.id = p.card_id left join staff s on s.id = p.received_by
           where p.received_at >= $1::timestamptz and p.received_at < $2::timestamptz
           order by p.received_at, p.id`,
  },
  refunds: {
    header: [
      "refund_id",
      "refunded_at_hkt",
      "payment_id",
      "method",
      "reference",
      "amount",
      "currency",
      "reason",
      "refunded_by",
    ],
    money: ["amount"],
    sql: `select r.id, ${hkt("r.refunded_at")} as at, r.payment_id, r.method::text, r.reference, r.amount_minor as amount,
                 r.currency::text, r.reason, s.name as staff
            from refunds r join staff s on s.id = r.refunded_by
           where r.refunded_at >= $1::timestamptz and r.refunded_at < $2::timestamptz
           order by r.refunded_at, r.id`,
  },
  renewals: {
    header: [
      "renewal_id",
      "sold_at_hkt",
      "card_iccid",
      "plan_code",
      "plan_version",
      "status",
      "price",
      "currency",
      "channel",
      "sold_by",
      "previous_validity_end_hkt",
      "new_validity_end_hkt",
    ],
    money: ["price"],
    sql: `select r.id, ${hkt("r.created_at")} as at, c.iccid, pl.code, pv.version, r.status::text, r.price_minor as price,
                 r.currency::text, r.channel::text, s.name as staff, ${hkt("r.previous_validity_end")} as prev_end,
                 ${hkt("r.new_validity_end")} as new_end
            from renewals r join cards c on c.id = r.card_id join plan_versions pv on pv.id = r.plan_version_id
            join plans pl on pl.id = pv.plan_id left join staff s on s.id = r.sold_by
           where r.created_at >= $1::timestamptz and r.created_at < $2::timestamptz
           order by r.created_at, r.id`,
  },
  "settlement-lines": {
    header: [
      "line_id",
      "file_id",
      "format",
      "line_no",
      "kind",
      "reference",
      "amount",
      "currency",
      "occurred_at_hkt",
      "outcome",
      "payment_id",
      "refund_id",
      "resolution",
      "resolution_note",
      "resolved_at_hkt",
    ],
    money: ["amount"],
    sql: `select l.id, l.file_id, f.format::text, l.line_no, l.kind::text, l.reference, l.amount_minor as amount,
                 l.currency::text, ${hkt("l.occurred_at")} as at, l.outcome::text, l.payment_id, l.refund_id,
                 l.resolution::text, l.resolution_note, ${hkt("l.resolved_at")} as resolved
            from settlement_lines l join settlement_files f on f.id = l.file_id
           where coalesce(l.occurred_at, f.period_from) >= $1::timestamptz and coalesce(l.occurred_at, f.period_from) < $2::timestamptz
           order by coalesce(l.occurred_at, f.period_from), l.id`,
  },
};

const clientOf = (db: Db) => (db as unknown as { $client: postgres.Sql }).$client;

/**
 * The export as CSV text chunks (BOM and header first), read through a
 * server-side cursor a batch at a time: a three-year range at a million
 * customers streams in flat memory instead of being built whole.
 */
export async function* streamExportCsv(
  kind: ExportKind,
  range: { from: Date; to: Date },
  db: Db = defaultDb,
): AsyncGenerator<string> {
  const spec = specs[kind];
  yield `\uFEFF${csvLine(spec.header)}`;
  const cursor = clientOf(db).unsafe(spec.sql, [range.from.toISOString(), range.to.toISOString()]).cursor(BATCH);
  for await (const rows of cursor) {
    let chunk = "";
    for (const row of rows) {
      const values = Object.entries(row).map(([column, value]): CsvValue => {
        if (value === null || value === undefined) return null;
        if (spec.money.includes(column)) return { decimal: minorToMajor(Number(value)) };
        return typeof value === "number" ? value : String(value);
      });
      chunk += csvLine(values);
    }
    yield chunk;
  }
}

/** How many rows an export of `range` will write: the denominator of its progress bar. */
export async function countExportRows(kind: ExportKind, range: { from: Date; to: Date }, db: Db = defaultDb) {
  const [row] = await clientOf(db).unsafe<{ n: string }[]>(`select count(*)::text as n from (${specs[kind].sql}) x`, [
    range.from.toISOString(),
    range.to.toISOString(),
  ]);
  return Number(row!.n);
}

const jobColumns = {
  id: exportJobs.id,
  staffId: exportJobs.staffId,
  kind: exportJobs.kind,
  fromDay: exportJobs.fromDay,
  toDay: exportJobs.toDay,
  status: exportJobs.status,
  rowsTotal: exportJobs.rowsTotal,
  rowsDone: exportJobs.rowsDone,
  bytes: exportJobs.bytes,
  createdAt: exportJobs.createdAt,
  finishedAt: exportJobs.finishedAt,
};

/** A staff member's own recent background exports, newest first. */
export async function listExportJobs(staffId: number, db: DbOrTx = defaultDb) {
  return db
    .select(jobColumns)
    .from(exportJobs)
    .where(eq(exportJobs.staffId, staffId))
    .orderBy(desc(exportJobs.id))
    .limit(20);
}

/** One of a staff member's exports; another person's reads as missing. */
export async function getOwnExportJob(jobId: number, staffId: number, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select(jobColumns)
    .from(exportJobs)
    .where(and(eq(exportJobs.id, jobId), eq(exportJobs.staffId, staffId)));
  return row ?? null;
}

/**
 * A finished export's CSV, chunk by chunk in order, one chunk in memory at a
 * time. If the retention purge deletes the export mid-download, the stream
 * fails rather than end early, so the browser reports a failed download, never
 * a short file that looks whole.
 */
export async function* readExportChunks(jobId: number, db: Db = defaultDb): AsyncGenerator<string> {
  for (let seq = 0; ; seq++) {
    const [chunk] = await db
      .select({ data: exportJobChunks.data })
      .from(exportJobChunks)
      .where(and(eq(exportJobChunks.jobId, jobId), eq(exportJobChunks.seq, seq)));
    if (chunk) {
      yield chunk.data;
      continue;
    }
    const [job] = await db.select({ id: exportJobs.id }).from(exportJobs).where(eq(exportJobs.id, jobId));
    if (!job) throw new Error(`export ${jobId} was purged during its download`);
    return;
  }
}
