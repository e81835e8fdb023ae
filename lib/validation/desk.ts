import { z } from "@/lib/validation/zod";
import {
  contactChannels,
  contactOutcomes,
  goodwillReasons,
  languages,
  paymentMethods,
  realNameDocuments,
  realNameStatuses,
} from "@/lib/domain/enums";
import { GOODWILL_MAX_DAYS, GOODWILL_MIN_DAYS } from "@/lib/domain/goodwill";
import { parsePhone } from "@/lib/domain/identifiers";
import { parseMoney } from "@/lib/domain/money";
import { CORRECTION_MAX_MINOR, TOP_UP_MAX_MINOR, TOP_UP_MIN_MINOR } from "@/lib/domain/stored-value";
import { CONTACT_NOTE_MAX, contactContextFields, supervisorContextFields } from "./contact";
import { idField, idSchema } from "./ids";

// Messages are keys of the "desk" catalog (full keys); the action wrapper translates them.
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The payment reference as a renewal takes it (the same rules; issue 10 normalises it in one place). */
const referenceField = z
  .string()
  .trim()
  .max(64, { message: "renewal.reference_format" })
  .refine((value) => value === "" || /^[A-Za-z0-9][A-Za-z0-9\-_/.]{3,63}$/.test(value), {
    message: "renewal.reference_format",
  })
  .transform((value) => value || null)
  .nullable()
  .default(null);

const daysField = z.coerce
  .number({ message: "desk.goodwill.errors.days" })
  .int({ message: "desk.goodwill.errors.days" })
  .min(GOODWILL_MIN_DAYS, { message: "desk.goodwill.errors.days" })
  .max(GOODWILL_MAX_DAYS, { message: "desk.goodwill.errors.days" });

/** The goodwill reason: a code, and for "other" a note; stored as the note, or the code. */
const goodwillReasonFields = {
  reasonCode: z.enum(goodwillReasons, { message: "desk.goodwill.errors.reasonCode" }),
  reasonNote: z.preprocess(blank, z.string().trim().max(500, { message: "desk.errors.reasonTooLong" }).optional()),
};

function requireNoteForOther(value: { reasonCode: string; reasonNote?: string }, ctx: z.RefinementCtx) {
  if (value.reasonCode === "other" && !value.reasonNote) {
    ctx.addIssue({ code: "custom", path: ["reasonNote"], message: "desk.goodwill.errors.noteForOther" });
  }
}

export const goodwillRequestSchema = z
  .object({ cardId: idSchema, days: daysField, ...goodwillReasonFields, ...contactContextFields })
  .strict()
  .superRefine(requireNoteForOther);

export const confirmGoodwillSchema = z
  .object({
    cardId: idSchema,
    days: daysField,
    ...goodwillReasonFields,
    ...contactContextFields,
    idempotencyKey: z.uuid(),
  })
  .strict()
  .superRefine(requireNoteForOther);

const cardIdList = z
  .string()
  .trim()
  .regex(/^\d{1,10}(,\d{1,10}){0,4999}$/, { message: "desk.goodwill.errors.noCards" })
  .transform((value) => [...new Set(value.split(",").map(Number))]);

export const bulkGoodwillSchema = z
  .object({
    scope: z.enum(["selected", "allActive"]).default("selected"),
    cardIds: z.preprocess(blank, cardIdList.optional()),
    days: daysField,
    ...goodwillReasonFields,
    ...contactContextFields,
    idempotencyKey: z.uuid().optional(),
  })
  .strict()
  .superRefine(requireNoteForOther)
  .superRefine((value, ctx) => {
    if (value.scope === "selected" && !value.cardIds?.length) {
      ctx.addIssue({ code: "custom", path: ["cardIds"], message: "desk.goodwill.errors.noCards" });
    }
  });

/** Money typed by a person ("98", "1,288.50") as minor units within [min, max]; `message` is its catalog key. */
export const amountField = (min: number, max: number, message: string) =>
  z
    .string({ message })
    .trim()
    .transform((value, ctx) => {
      const minor = parseMoney(value);
      if (minor === null || minor < min || minor > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return minor;
    });

export const topUpSchema = z
  .object({
    cardId: idSchema,
    amount: amountField(TOP_UP_MIN_MINOR, TOP_UP_MAX_MINOR, "desk.topUp.errors.amount"),
    method: z.enum(
      paymentMethods.filter((m) => m !== "stored_value") as ["wechat_pay", "alipay", "fps", "bank_transfer", "cash"],
      { message: "desk.topUp.errors.method" },
    ),
    reference: referenceField,
    idempotencyKey: z.uuid(),
    ...contactContextFields,
  })
  .strict();

export const correctionSchema = z
  .object({
    cardId: idSchema,
    direction: z.enum(["add", "subtract"], { message: "desk.storedValue.errors.direction" }),
    amount: amountField(1, CORRECTION_MAX_MINOR, "desk.storedValue.errors.amount"),
    idempotencyKey: z.uuid(),
    ...supervisorContextFields,
  })
  .strict();

const optionalName = z.preprocess(
  blank,
  z.string().trim().max(120, { message: "desk.profile.errors.nameTooLong" }).optional(),
);

export const profileSchema = z
  .object({
    customerId: idSchema,
    lockVersion: idField(),
    nameZh: optionalName,
    nameEn: optionalName,
    email: z.preprocess(
      blank,
      z
        .email({ message: "desk.profile.errors.email" })
        .max(254, { message: "desk.profile.errors.email" })
        .transform((value) => value.toLowerCase())
        .optional(),
    ),
    contactPhone: z.preprocess(
      blank,
      z
        .string()
        .transform((value, ctx) => {
          const phone = parsePhone(value);
          if (!phone) {
            ctx.addIssue({ code: "custom", message: "desk.profile.errors.phone" });
            return z.NEVER;
          }
          return phone.msisdn;
        })
        .optional(),
    ),
    preferredLanguage: z.enum(languages, { message: "desk.profile.errors.language" }),
    ...contactContextFields,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.nameZh && !value.nameEn) {
      ctx.addIssue({ code: "custom", path: ["nameEn"], message: "desk.profile.errors.nameRequired" });
    }
  });

export const realNameSchema = z
  .object({
    numberId: idSchema,
    status: z.enum(realNameStatuses, { message: "desk.realName.errors.status" }),
    document: z.preprocess(blank, z.enum(realNameDocuments, { message: "desk.realName.errors.document" }).optional()),
    // Only ever the last four characters: a longer entry is refused, not cut.
    last4: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .transform((value) => value.toUpperCase())
        .pipe(z.string().regex(/^[A-Z0-9()]{4}$/, { message: "desk.realName.errors.last4" }))
        .optional(),
    ),
    deadline: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "desk.realName.errors.deadline" })
        .optional(),
    ),
    ...contactContextFields,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.status === "verified" && (!value.document || !value.last4)) {
      ctx.addIssue({
        code: "custom",
        path: [value.document ? "last4" : "document"],
        message: "desk.realName.errors.verifiedNeedsDocument",
      });
    }
    if ((value.document === undefined) !== (value.last4 === undefined) && value.status !== "verified") {
      ctx.addIssue({
        code: "custom",
        path: [value.document ? "last4" : "document"],
        message: "desk.realName.errors.documentPair",
      });
    }
    if (value.status === "pending" && !value.deadline) {
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "desk.realName.errors.deadlineRequired" });
    }
  });

export const contactLogSchema = z
  .object({
    customerId: idSchema,
    cardId: z.preprocess(blank, idSchema.optional()),
    channel: z.enum(contactChannels, { message: "desk.errors.chooseChannel" }),
    outcome: z.enum(contactOutcomes, { message: "desk.contacts.errors.outcome" }),
    callBackAt: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "desk.contacts.errors.callBackAt" })
        .optional(),
    ),
    note: z.preprocess(
      blank,
      z.string().trim().max(CONTACT_NOTE_MAX, { message: "desk.errors.noteTooLong" }).optional(),
    ),
    ticketRef: contactContextFields.ticketRef,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.outcome === "call_back" && !value.callBackAt) {
      ctx.addIssue({ code: "custom", path: ["callBackAt"], message: "desk.contacts.errors.callBackAt" });
    }
  });
