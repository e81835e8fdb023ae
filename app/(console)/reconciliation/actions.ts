"use server";

import { revalidatePath } from "next/cache";
import { contentSha256, importSettlementFile } from "@/db/mutations/import-settlement-file";
import { resolveSettlementLine } from "@/db/mutations/resolve-settlement-line";
import { ConflictError, PreconditionError } from "@/db/errors";
import { findSettlementFileByHash } from "@/db/queries/reconciliation";
import { staffAction, staffFormAction, type ActionResult } from "@/lib/action";
import type { Currency, PaymentMethod, SettlementFormat } from "@/lib/domain/enums";
import { hkDay } from "@/lib/domain/time";
import {
  methodOfFormat,
  parseSettlementFile,
  settlementTotals,
  type GenericMapping,
  type ParsedSettlement,
} from "@/lib/domain/settlement/parse";
import { resolveLineSchema, settlementUploadSchema, type SettlementUploadInput } from "@/lib/validation/reconciliation";

export interface SettlementPreview {
  fileName: string;
  format: SettlementFormat;
  method: PaymentMethod;
  lines: number;
  ignored: number;
  periodFrom: string;
  periodTo: string;
  totals: { currency: Currency; payments: number; refunds: number; count: number }[];
}

interface Read {
  bytes: Uint8Array;
  parsed: ParsedSettlement;
  method: PaymentMethod;
  mapping: GenericMapping | null;
}

/**
 * Reads and parses the uploaded file. A refusal is a domain error whose
 * message names the line; nothing has been stored when it is thrown.
 */
async function readUpload(input: SettlementUploadInput): Promise<Read> {
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const mapping: GenericMapping | null =
    input.format === "generic"
      ? {
          referenceColumn: input.referenceColumn!,
          amountColumn: input.amountColumn!,
          timeColumn: input.timeColumn!,
          currencyColumn: input.currencyColumn ?? null,
          defaultCurrency: input.defaultCurrency ?? "HKD",
        }
      : null;
  const result = parseSettlementFile(bytes, input.format, mapping);
  if (!result.ok) {
    const { code, ...params } = result.refusal;
    throw new PreconditionError(`reconciliation.refusals.${code}`, params as Record<string, string | number>, "file");
  }
  return { bytes, parsed: result.value, method: methodOfFormat(input.format, input.method ?? "fps"), mapping };
}

/** Parses without storing anything: what the file holds, for the supervisor to confirm. */
export const previewSettlementAction = staffAction(
  settlementUploadSchema,
  async (input): Promise<ActionResult<SettlementPreview>> => {
    const read = await readUpload(input);
    const existing = await findSettlementFileByHash(contentSha256(read.bytes));
    if (existing) {
      throw new ConflictError(
        "reconciliation.errors.duplicate",
        { id: existing.id, day: hkDay(existing.uploadedAt) },
        "file",
      );
    }
    return {
      ok: true,
      data: {
        fileName: input.file.name,
        format: input.format,
        method: read.method,
        lines: read.parsed.lines.length,
        ignored: read.parsed.ignored,
        periodFrom: read.parsed.periodFrom.toISOString(),
        periodTo: read.parsed.periodTo.toISOString(),
        totals: settlementTotals(read.parsed.lines),
      },
    };
  },
  { permission: "reconcileSettlements" },
);

/** Stores the file and its matched lines, all or nothing, once per idempotency key. */
export const importSettlementAction = staffAction(
  settlementUploadSchema,
  async (input, { staff }): Promise<ActionResult<{ fileId: number }>> => {
    if (!input.idempotencyKey) throw new PreconditionError("reconciliation.errors.previewFirst");
    const read = await readUpload(input);
    const { fileId } = await importSettlementFile(
      {
        idempotencyKey: input.idempotencyKey,
        format: input.format,
        method: read.method,
        fileName: input.file.name,
        bytes: read.bytes,
        parsed: read.parsed,
        mapping: read.mapping,
      },
      staff,
    );
    revalidatePath("/reconciliation", "layout");
    return { ok: true, data: { fileId } };
  },
  { permission: "reconcileSettlements" },
);

export const resolveLineAction = staffFormAction(
  resolveLineSchema,
  async (input, { staff }) => {
    await resolveSettlementLine(
      { lineId: input.lineId, resolution: input.resolution, note: input.note, renewalId: input.renewalId ?? null },
      staff,
    );
    revalidatePath("/reconciliation", "layout");
    return { ok: true, data: { lineId: input.lineId } };
  },
  { permission: "reconcileSettlements" },
);
