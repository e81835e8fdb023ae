import { z } from "@/lib/validation/zod";
import { currencies, languages, paymentMethods } from "@/lib/domain/enums";
import { contactContextFields } from "./contact";
import { isValidReference, normaliseReference } from "@/lib/domain/payment-reference";
import { idField, idSchema } from "./ids";

// Messages are keys in the "errors" catalog; the action wrapper translates them.
export const renewalRequestSchema = z
  .object({
    cardId: idSchema,
    planVersionId: idField("renewal.choose_plan"),
    method: z.enum(paymentMethods, { message: "renewal.choose_method" }),
    currency: z.enum(currencies, { message: "renewal.choose_currency" }),
    // Normalised (trim, no spaces or hyphens, upper case) before it is checked, stored or compared.
    reference: z
      .string()
      .max(80, { message: "renewal.reference_format" })
      .transform(normaliseReference)
      .refine((value) => value === "" || isValidReference(value), { message: "renewal.reference_format" })
      .transform((value) => value || null)
      .nullable()
      .default(null),
    smsMsisdn: z.string().regex(/^\+\d{8,15}$/, { message: "renewal.choose_sms_number" }),
    smsLanguage: z.enum(languages, { message: "renewal.choose_sms_language" }),
    // The agent read out the renewal of this card made minutes ago and the customer still wants this one.
    acknowledgeRecentRenewal: z.boolean().default(false),
  })
  .strict();

export type RenewalRequest = z.infer<typeof renewalRequestSchema>;

export const confirmRenewalSchema = renewalRequestSchema
  .extend({
    idempotencyKey: z.uuid(),
    ...contactContextFields,
    /** The worklist rows after this card (?queue=), carried on to the receipt; parsed, never trusted. */
    queue: z.string().max(2000).optional(),
  })
  .strict();

export const renewalIdSchema = z.object({ renewalId: idSchema }).strict();

export const voidRenewalSchema = z
  .object({
    renewalId: idSchema,
    reason: z
      .string()
      .trim()
      .min(1, { message: "renewal.void_reason_required" })
      .max(500, { message: "renewal.void_reason_too_long" }),
    ...contactContextFields,
    // How the money goes back (the payment's method when empty) and, for electronic methods, the refund's reference.
    refundMethod: z
      .union([z.literal("").transform(() => null), z.enum(paymentMethods, { message: "renewal.choose_method" })])
      .nullable()
      .default(null),
    refundReference: z
      .string()
      .trim()
      .max(80, { message: "renewal.refund_reference_format" })
      .transform((value) => value || null)
      .nullable()
      .default(null),
  })
  .strict();

export const resendNotificationSchema = z.object({ notificationId: idSchema, ...contactContextFields }).strict();

/** The stuck-activation queue's Retry: one request or a page of them. */
export const retryActivationsSchema = z
  .object({ requestIds: z.array(idSchema).min(1, { message: "renewal.choose_activations" }).max(200) })
  .strict();
