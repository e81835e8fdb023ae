import { z } from "@/lib/validation/zod";
import {
  currencies,
  exportKinds,
  genericSettlementMethods,
  settlementFormats,
  settlementOutcomes,
  settlementResolutions,
} from "@/lib/domain/enums";
import { CASH_FLOAT_MAX_MINOR, DRAWER_REASON_MAX } from "@/lib/domain/cash-drawer";
import { SETTLEMENT_MAX_BYTES } from "@/lib/domain/settlement/limits";
import { amountField } from "./desk";
import { idField, idSchema } from "./ids";

// Messages are full catalog keys; the action wrapper translates them.
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = (max: number, message: string) =>
  z.preprocess(blank, z.string().trim().max(max, { message }).optional());
const column = z.preprocess(blank, z.string().trim().max(100).optional());

/** A settlement upload, for the preview and (with its idempotency key) the import: the same fields both times. */
export const settlementUploadSchema = z
  .object({
    format: z.enum(settlementFormats, { message: "reconciliation.errors.format" }),
    file: z
      .instanceof(File, { message: "reconciliation.errors.fileMissing" })
      .refine((file) => file.size > 0, { message: "reconciliation.refusals.empty" })
      .refine((file) => file.size <= SETTLEMENT_MAX_BYTES, { message: "reconciliation.errors.fileTooLarge" }),
    method: z.preprocess(blank, z.enum(genericSettlementMethods).optional()),
    referenceColumn: column,
    amountColumn: column,
    timeColumn: column,
    currencyColumn: column,
    defaultCurrency: z.preprocess(blank, z.enum(currencies).optional()),
    idempotencyKey: z.preprocess(blank, z.uuid().optional()),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.format !== "generic") return;
    if (!value.method) ctx.addIssue({ code: "custom", path: ["method"], message: "reconciliation.errors.method" });
    for (const field of ["referenceColumn", "amountColumn", "timeColumn"] as const) {
      if (!value[field]) ctx.addIssue({ code: "custom", path: [field], message: "reconciliation.errors.column" });
    }
  });
export type SettlementUploadInput = z.infer<typeof settlementUploadSchema>;

export const resolveLineSchema = z
  .object({
    lineId: idSchema,
    resolution: z.enum(settlementResolutions, { message: "reconciliation.errors.resolution" }),
    note: z
      .string({ message: "reconciliation.errors.noteRequired" })
      .trim()
      .min(1, { message: "reconciliation.errors.noteRequired" })
      .max(500, { message: "reconciliation.errors.noteTooLong" }),
    renewalId: z.preprocess(blank, idField("reconciliation.errors.renewalId").optional()),
  })
  .strict();

/** The outcome filter of a file's lines, from the URL. */
export const lineFilterSchema = z
  .enum([...settlementOutcomes, "exceptions"] as const)
  .optional()
  .catch(undefined);

export const openDrawerSchema = z
  .object({
    currency: z.enum(currencies, { message: "drawer.errors.currency" }),
    openingFloat: amountField(0, CASH_FLOAT_MAX_MINOR, "drawer.errors.float"),
  })
  .strict();

export const closeDrawerSchema = z
  .object({
    drawerId: idSchema,
    counted: amountField(0, CASH_FLOAT_MAX_MINOR, "drawer.errors.counted"),
    reason: optionalText(DRAWER_REASON_MAX, "drawer.errors.reasonTooLong"),
  })
  .strict();

export const signOffDrawerSchema = z
  .object({ drawerId: idSchema, note: optionalText(DRAWER_REASON_MAX, "drawer.errors.reasonTooLong") })
  .strict();

export const correctDrawerSchema = z
  .object({
    drawerId: idSchema,
    direction: z.enum(["add", "subtract"]),
    amount: amountField(1, CASH_FLOAT_MAX_MINOR, "drawer.errors.correctionAmount"),
    reason: z
      .string({ message: "drawer.errors.reasonMissing" })
      .trim()
      .min(1, { message: "drawer.errors.reasonMissing" })
      .max(DRAWER_REASON_MAX, { message: "drawer.errors.reasonTooLong" }),
    idempotencyKey: z.uuid(),
  })
  .strict();

const dayField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "reconciliation.exports.invalid" });

/** A background export: the range is checked again by readExportRange (three years at most). */
export const exportJobSchema = z
  .object({
    kind: z.enum(exportKinds, { message: "reconciliation.exports.invalid" }),
    from: dayField,
    to: dayField,
    idempotencyKey: z.uuid(),
  })
  .strict();
