import { createHash } from "node:crypto";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, PreconditionError, pgConstraint, pgErrorCode, pgErrorCodes } from "@/db/errors";
import {
  findSettlementFileByHash,
  listConsoleMoneyByReference,
  listUnreconciledConsoleMoney,
} from "@/db/queries/reconciliation";
import { settlementFiles, settlementLines, settlementMappings } from "@/db/schema";
import type { PaymentMethod, SettlementFormat } from "@/lib/domain/enums";
import { hkDay } from "@/lib/domain/time";
import { matchSettlement, type MatchRefusal } from "@/lib/domain/settlement/match";
import { periodHasPassed, type GenericMapping, type ParsedSettlement } from "@/lib/domain/settlement/parse";
import { writeAudit } from "./_shared/audit";
import { claimIdempotencyKey, recordIdempotentResult, requestHash } from "./_shared/idempotency";

export const SETTLEMENT_IMPORT_SCOPE = "settlement.import";

export function contentSha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function matchRefusalError(refusal: MatchRefusal): PreconditionError {
  return refusal.code === "ambiguous_reference"
    ? new PreconditionError(
        "reconciliation.errors.ambiguous_reference",
        { line: refusal.line, reference: refusal.reference },
        "file",
      )
    : new PreconditionError(
        "reconciliation.errors.repeated_reference",
        { line: refusal.line, firstLine: refusal.firstLine, reference: refusal.reference },
        "file",
      );
}

/** Batches keep each INSERT well under PostgreSQL's 65,535 parameters. */
const BATCH = 1000;

export interface ImportSettlementInput {
  idempotencyKey: string;
  format: SettlementFormat;
  method: PaymentMethod;
  fileName: string;
  bytes: Uint8Array;
  parsed: ParsedSettlement;
  /** A generic file's mapping: saved for the method, for the next import. */
  mapping: GenericMapping | null;
}

/**
 * Stores a parsed settlement file and its matched lines, all or nothing: the
 * file row (its content hash unique: the same file twice is refused, even by
 * two supervisors at once), every line with its outcome, the console money the
 * file lacks once its days are over, the generic mapping, and the audit row
 * commit together. A reference that matches two console rows refuses the whole
 * file, naming the line. Exactly once per idempotency key (a double click).
 */
export async function importSettlementFile(
  input: ImportSettlementInput,
  actor: { id: number },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<{ fileId: number; replayed: boolean }> {
  const sha256 = contentSha256(input.bytes);
  const duplicate = async () => {
    const existing = await findSettlementFileByHash(sha256, db);
    return new ConflictError("reconciliation.errors.duplicate", {
      id: existing?.id ?? 0,
      day: existing ? hkDay(existing.uploadedAt) : "",
    });
  };
  try {
    return await db.transaction(async (tx) => {
      const replay = await claimIdempotencyKey(tx, {
        key: input.idempotencyKey,
        staffId: actor.id,
        scope: SETTLEMENT_IMPORT_SCOPE,
        requestHash: requestHash([sha256, input.format, input.method]),
      });
      if (replay) return { fileId: Number(replay.replayedResult), replayed: true };
      if (await findSettlementFileByHash(sha256, tx)) throw await duplicate();
      const now = options.now?.() ?? new Date();
      const { lines, periodFrom, periodTo, ignored } = input.parsed;
      const references = {
        payments: [...new Set(lines.filter((l) => l.kind === "payment").map((l) => l.reference))],
        refunds: [...new Set(lines.filter((l) => l.kind === "refund").map((l) => l.reference))],
      };
      const candidates = await listConsoleMoneyByReference(input.method, references, tx);
      const inPeriod = periodHasPassed(periodTo, now)
        ? await listUnreconciledConsoleMoney(input.method, { from: periodFrom, to: periodTo }, tx)
        : null;
      const matched = matchSettlement(lines, candidates, inPeriod);
      if (!matched.ok) throw matchRefusalError(matched.refusal);

      const [file] = await tx
        .insert(settlementFiles)
        .values({
          format: input.format,
          method: input.method,
          contentSha256: sha256,
          fileName: input.fileName.slice(0, 200),
          byteSize: input.bytes.byteLength,
          periodFrom,
          periodTo,
          lineCount: lines.length,
          ignoredCount: ignored,
          uploadedBy: actor.id,
          uploadedAt: now,
        })
        .returning({ id: settlementFiles.id });
      const fileId = file!.id;
      const rows = matched.lines.map((m) => ({
        fileId,
        lineNo: m.line?.lineNo ?? null,
        kind: m.line?.kind ?? m.console!.kind,
        reference: m.line?.reference ?? m.console?.reference ?? null,
        amountMinor: m.line?.amountMinor ?? null,
        currency: m.line?.currency ?? null,
        occurredAt: m.line?.occurredAt ?? null,
        outcome: m.outcome,
        paymentId: m.console?.kind === "payment" ? m.console.id : null,
        refundId: m.console?.kind === "refund" ? m.console.id : null,
      }));
      for (let i = 0; i < rows.length; i += BATCH) await tx.insert(settlementLines).values(rows.slice(i, i + BATCH));
      if (input.mapping) {
        const mapping = { ...input.mapping, updatedBy: actor.id, updatedAt: now };
        await tx
          .insert(settlementMappings)
          .values({ method: input.method, ...mapping })
          .onConflictDoUpdate({ target: settlementMappings.method, set: mapping });
      }
      const counts = Object.fromEntries(
        ["matched", "amount_differs", "missing_in_console", "missing_in_file"].map((o) => [
          o,
          matched.lines.filter((m) => m.outcome === o).length,
        ]),
      );
      await recordIdempotentResult(tx, input.idempotencyKey, fileId);
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "settlement.import",
        entityType: "settlement_file",
        entityId: fileId,
        after: {
          format: input.format,
          method: input.method,
          sha256,
          lines: lines.length,
          periodFrom: periodFrom.toISOString(),
          periodTo: periodTo.toISOString(),
          outcomes: counts,
        },
      });
      return { fileId, replayed: false };
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation && pgConstraint(error) === "settlement_files_content_key") {
      throw await duplicate();
    }
    throw error;
  }
}
