import { z } from "@/lib/validation/zod";
import { securityEventKinds } from "@/lib/domain/enums";

const m = (key: string) => `security.validation.${key}`;

export const confirmTwoFactorSchema = z
  .object({
    code: z
      .string(m("code"))
      .transform((v) => v.replace(/\s+/g, ""))
      .pipe(z.string().regex(/^\d{6}$/, m("code"))),
  })
  .strict();

export const resetTwoFactorSchema = z
  .object({
    staffId: z.coerce.number().int().positive().max(2_147_483_647),
    reason: z.string(m("reason")).trim().min(5, m("reason")).max(500, m("reasonTooLong")),
  })
  .strict();

export const clearThrottleSchema = z
  .object({
    key: z
      .string()
      .min(3)
      .max(320)
      .regex(/^(account|device|address):/),
  })
  .strict();

export const noInputSchema = z.object({}).strict();

/** The security log's URL state (?kind=&staff=&address=&before=); anything unexpected is dropped. */
export function parseSecurityLogParams(params: Record<string, string | string[] | undefined>) {
  const text = (value: unknown, max: number) => (typeof value === "string" ? value.trim().slice(0, max) : "");
  const kind = text(params.kind, 40);
  const before = Number(text(params.before, 20));
  return {
    kind: (securityEventKinds as readonly string[]).includes(kind) ? kind : "",
    staff: text(params.staff, 120).toLowerCase(),
    address: text(params.address, 64),
    before: Number.isSafeInteger(before) && before > 0 ? before : null,
  };
}
