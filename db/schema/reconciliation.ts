import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, instant } from "./columns";
import { currency, paymentMethod, payments, refunds, renewals } from "./renewals";
import { staff } from "./staff";
import {
  cashDrawerStatuses,
  exportJobStatuses,
  settlementFormats,
  settlementLineKinds,
  settlementOutcomes,
  settlementResolutions,
} from "@/lib/domain/enums";

export const settlementFormat = pgEnum("settlement_format", settlementFormats);
export const settlementLineKind = pgEnum("settlement_line_kind", settlementLineKinds);
export const settlementOutcome = pgEnum("settlement_outcome", settlementOutcomes);
export const settlementResolution = pgEnum("settlement_resolution", settlementResolutions);
export const cashDrawerStatus = pgEnum("cash_drawer_status", cashDrawerStatuses);

/**
 * A provider's settlement file, stored once: the SHA-256 of its bytes is
 * unique, so the same file uploaded twice (or by two supervisors at once) is
 * refused. Its lines are written in the same transaction as the file.
 */
export const settlementFiles = pgTable(
  "settlement_files",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    format: settlementFormat().notNull(),
    method: paymentMethod().notNull(),
    contentSha256: text().notNull(),
    fileName: text().notNull(),
    byteSize: integer().notNull(),
    periodFrom: instant().notNull(),
    periodTo: instant().notNull(),
    lineCount: integer().notNull(),
    ignoredCount: integer().notNull().default(0),
    uploadedBy: integer()
      .notNull()
      .references(() => staff.id),
    uploadedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("settlement_files_content_key").on(t.contentSha256),
    index("settlement_files_period").on(t.method, t.periodFrom),
    check("settlement_files_period_order", sql`${t.periodTo} > ${t.periodFrom}`),
    check("settlement_files_method_electronic", sql`${t.method} in ('wechat_pay', 'alipay', 'fps', 'bank_transfer')`),
    check("settlement_files_sha256", sql`${t.contentSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * One line of a file with its outcome, or (line_no null) a console payment or
 * refund the file lacks once its days are over. Exceptions are resolved by a
 * supervisor with a note; the resolution is written once.
 */
export const settlementLines = pgTable(
  "settlement_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    fileId: integer()
      .notNull()
      .references(() => settlementFiles.id),
    lineNo: integer(),
    kind: settlementLineKind().notNull(),
    reference: text(),
    amountMinor: integer(),
    currency: currency(),
    occurredAt: instant(),
    outcome: settlementOutcome().notNull(),
    paymentId: integer().references(() => payments.id),
    refundId: integer().references(() => refunds.id),
    resolution: settlementResolution(),
    resolutionNote: text(),
    linkedRenewalId: integer().references(() => renewals.id),
    resolvedBy: integer().references(() => staff.id),
    resolvedAt: instant(),
  },
  (t) => [
    index("settlement_lines_file").on(t.fileId, t.id),
    index("settlement_lines_payment")
      .on(t.paymentId)
      .where(sql`${t.paymentId} is not null`),
    index("settlement_lines_refund")
      .on(t.refundId)
      .where(sql`${t.refundId} is not null`),
    index("settlement_lines_open_exceptions")
      .on(t.id)
      .where(sql`${t.outcome} <> 'matched' and ${t.resolvedAt} is null`),
    check(
      "settlement_lines_file_line",
      sql`(${t.lineNo} is null) = (${t.outcome} = 'missing_in_file') and (${t.lineNo} is null or (${t.reference} is not null and ${t.amountMinor} > 0 and ${t.currency} is not null and ${t.occurredAt} is not null))`,
    ),
    check(
      "settlement_lines_console_side",
      sql`(${t.outcome} = 'missing_in_console') = (${t.paymentId} is null and ${t.refundId} is null) and (${t.paymentId} is null or ${t.refundId} is null)`,
    ),
    check(
      "settlement_lines_resolution",
      sql`(${t.resolvedAt} is null) = (${t.resolution} is null) and (${t.resolvedAt} is null) = (${t.resolvedBy} is null) and (${t.resolution} is null or (${t.outcome} <> 'matched' and char_length(btrim(${t.resolutionNote})) between 1 and 500)) and ((${t.resolution} = 'linked_renewal') = (${t.linkedRenewalId} is not null))`,
    ),
  ],
);

/**
 * The column mapping of a generic file (FPS, bank statement), one per method,
 * saved by the import that used it and offered to the next.
 */
export const settlementMappings = pgTable("settlement_mappings", {
  method: paymentMethod().primaryKey(),
  referenceColumn: text().notNull(),
  amountColumn: text().notNull(),
  timeColumn: text().notNull(),
  currencyColumn: text(),
  defaultCurrency: currency().notNull(),
  updatedBy: integer()
    .notNull()
    .references(() => staff.id),
  updatedAt: createdAt(),
});

/**
 * An agent's cash drawer for one Hong Kong day and currency. What it should
 * hold is read live: the opening float, plus that agent's cash payments, less
 * their cash refunds, plus corrections. Closing stores the expected and the
 * counted amounts; from then on a trigger allows only the sign-off, and
 * payments and refunds in cash for that drawer's day are refused.
 */
export const cashDrawers = pgTable(
  "cash_drawers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    staffId: integer()
      .notNull()
      .references(() => staff.id),
    day: date({ mode: "string" }).notNull(),
    currency: currency().notNull(),
    openingFloatMinor: integer().notNull(),
    status: cashDrawerStatus().notNull().default("open"),
    openedAt: createdAt(),
    closedAt: instant(),
    expectedMinor: integer(),
    countedMinor: integer(),
    differenceReason: text(),
    signedOffBy: integer().references(() => staff.id),
    signedOffAt: instant(),
    signOffNote: text(),
  },
  (t) => [
    uniqueIndex("cash_drawers_staff_day_currency").on(t.staffId, t.day, t.currency),
    index("cash_drawers_day").on(t.day),
    check("cash_drawers_float", sql`${t.openingFloatMinor} between 0 and 100000000`),
    check(
      "cash_drawers_closed_consistent",
      sql`(${t.status} = 'open') = (${t.closedAt} is null) and (${t.closedAt} is null) = (${t.countedMinor} is null) and (${t.closedAt} is null) = (${t.expectedMinor} is null) and (${t.countedMinor} is null or ${t.countedMinor} >= 0)`,
    ),
    check(
      "cash_drawers_difference_reason",
      sql`${t.countedMinor} is null or ${t.countedMinor} = ${t.expectedMinor} or char_length(btrim(${t.differenceReason})) between 1 and 500`,
    ),
    check(
      "cash_drawers_signed_off_consistent",
      sql`(${t.status} = 'signed_off') = (${t.signedOffAt} is not null) and (${t.signedOffAt} is null) = (${t.signedOffBy} is null) and (${t.signedOffBy} is null or ${t.signedOffBy} <> ${t.staffId})`,
    ),
  ],
);

/** A correction to a drawer (any status, a closed one included): a new signed entry with its reason, never an edit. */
export const cashDrawerCorrections = pgTable(
  "cash_drawer_corrections",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    drawerId: integer()
      .notNull()
      .references(() => cashDrawers.id),
    amountMinor: integer().notNull(),
    reason: text().notNull(),
    createdBy: integer()
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("cash_drawer_corrections_drawer").on(t.drawerId, t.id),
    check("cash_drawer_corrections_nonzero", sql`${t.amountMinor} <> 0`),
    check("cash_drawer_corrections_reason", sql`char_length(btrim(${t.reason})) between 1 and 500`),
  ],
);

export const exportJobStatus = pgEnum("export_job_status", exportJobStatuses);

/**
 * A large export run by the background worker: the range and kind the
 * supervisor asked for, progress as rows written of rows counted, and the
 * CSV itself in ordered chunks (so any instance can serve the download). A
 * job whose worker died is reclaimed after a while and written again.
 */
export const exportJobs = pgTable(
  "export_jobs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    staffId: integer()
      .notNull()
      .references(() => staff.id),
    kind: text().notNull(),
    fromDay: date({ mode: "string" }).notNull(),
    toDay: date({ mode: "string" }).notNull(),
    status: exportJobStatus().notNull().default("queued"),
    rowsTotal: integer(),
    rowsDone: integer().notNull().default(0),
    bytes: bigint({ mode: "number" }).notNull().default(0),
    error: text(),
    createdAt: createdAt(),
    claimedAt: instant(),
    finishedAt: instant(),
  },
  (t) => [
    index("export_jobs_staff").on(t.staffId, t.id.desc()),
    index("export_jobs_pending")
      .on(t.id)
      .where(sql`${t.status} in ('queued', 'running')`),
    check("export_jobs_kind", sql`${t.kind} in ('payments', 'refunds', 'renewals', 'settlement-lines')`),
    check("export_jobs_range", sql`${t.toDay} >= ${t.fromDay} and ${t.toDay} - ${t.fromDay} < 1096`),
    check("export_jobs_finished", sql`(${t.status} in ('done', 'failed')) = (${t.finishedAt} is not null)`),
  ],
);

/** An export's CSV, in order: about a megabyte each. */
export const exportJobChunks = pgTable(
  "export_job_chunks",
  {
    jobId: integer()
      .notNull()
      .references(() => exportJobs.id),
    seq: integer().notNull(),
    data: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
