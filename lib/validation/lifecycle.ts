import { z } from "@/lib/validation/zod";
import {
  cardForms,
  currencies,
  paymentMethods,
  replacementReasons,
  simHandovers,
  suspendReasons,
} from "@/lib/domain/enums";
import { contactContextFields } from "./contact";
import { idSchema } from "./ids";
import { renewalRequestSchema } from "./renewal";

// Messages are catalog keys; the action wrapper translates them.
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { message })
    .transform((value) => value || null)
    .nullable()
    .default(null);

/** The record of contact every write may carry: ticket and channel (the lifecycle's own note is `note`). */
const contact = { ticketRef: contactContextFields.ticketRef, channel: contactContextFields.channel };
const noteField = optionalText(500, "lifecycle.errors.note_too_long");
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true");

export const suspendCardSchema = z
  .object({
    cardId: idSchema,
    reason: z.enum(suspendReasons, { message: "lifecycle.errors.choose_reason" }),
    note: noteField,
    ...contact,
  })
  .strict();

export const liftSuspensionSchema = z
  .object({
    cardId: idSchema,
    identityChecked: checkbox,
    note: noteField,
    ...contact,
  })
  .strict();

/** An ICCID as typed (spaces and dashes allowed); the mutation checks its length and check digit. */
const iccidField = z
  .string()
  .trim()
  .min(1, { message: "lifecycle.errors.iccid_format" })
  .max(40, { message: "lifecycle.errors.iccid_format" });

export const replaceCardSchema = z
  .object({
    cardId: idSchema,
    newIccid: iccidField,
    reason: z.enum(replacementReasons, { message: "lifecycle.errors.choose_reason" }),
    form: z.enum(cardForms, { message: "lifecycle.errors.choose_form" }),
    handover: z
      .union([z.enum(simHandovers), z.literal("")])
      .optional()
      .transform((value) => value || null),
    deliveryAddress: optionalText(300, "lifecycle.errors.address_too_long"),
    waive: checkbox,
    waiveReason: noteField,
    method: z
      .union([z.enum(paymentMethods), z.literal("")])
      .optional()
      .transform((value) => value || null),
    currency: z.enum(currencies, { message: "renewal.choose_currency" }),
    // The same reference rules as a renewal's payment.
    reference: renewalRequestSchema.shape.reference,
    ...contact,
  })
  .strict();

export const issueNewCardSchema = z
  .object({
    cardId: idSchema,
    newIccid: iccidField,
    form: z.enum(cardForms, { message: "lifecycle.errors.choose_form" }),
    hkNumber: optionalText(40, "lifecycle.errors.hk_number_format"),
    cnNumber: optionalText(40, "lifecycle.errors.cn_number_format"),
    ...contact,
  })
  .strict();
