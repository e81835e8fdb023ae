import "server-only";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { DomainError } from "@/db/errors";
import { getStaff, needsTwoFactorEnrolment, recordDenial, type StaffSession } from "@/lib/auth/session";
import { allows, type Permission } from "@/lib/domain/permissions";
import { withRuntimeKeys } from "@/lib/i18n/runtime-key";

export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

/** The permission (lib/domain/permissions) the caller must hold; none means any signed-in staff member. */
interface ActionOptions {
  permission?: Permission;
  /** Only the 2FA enrolment actions: a member whose role requires 2FA may call them before enrolling. */
  twoFactorExempt?: boolean;
}

type Handler<S extends z.ZodType, T> = (
  input: z.infer<S>,
  context: { staff: StaffSession },
) => Promise<ActionResult<T>>;

function formValues(input: unknown): Record<string, string> | undefined {
  if (!(input instanceof FormData)) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of input.entries()) {
    // Passwords are never echoed back to the browser.
    if (typeof value === "string" && !/password/i.test(key) && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

function toObject(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const object: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith("$ACTION")) continue;
    object[key] = value;
  }
  return object;
}

async function run<S extends z.ZodType, T>(
  schema: S,
  handler: Handler<S, T>,
  options: ActionOptions,
  rawInput: unknown,
): Promise<ActionResult<T>> {
  const t = await getTranslations("errors");
  const all = await getTranslations();
  const tRuntime = withRuntimeKeys(t);
  const allRuntime = withRuntimeKeys(all);
  // A message key names an entry of the "errors" catalog ("conflict") or, in
  // full, one of a feature's own catalog ("plans.errors.stale").
  const translate = (key: string, params?: Record<string, string | number>) =>
    tRuntime.has(key) ? tRuntime(key, params) : allRuntime.has(key) ? allRuntime(key, params) : undefined;
  const values = formValues(rawInput);
  // Order matters: who is asking, then may they, then what they sent.
  const staff = await getStaff();
  if (!staff) return { ok: false, message: t("signedOut") };
  if (needsTwoFactorEnrolment(staff) && !options.twoFactorExempt) return { ok: false, message: t("twoFactorFirst") };
  if (options.permission && !allows(staff.role, options.permission)) {
    await recordDenial(staff, "action", options.permission);
    return { ok: false, message: t("forbidden") };
  }

  const parsed = schema.safeParse(toObject(rawInput));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.join(".") || "form";
      // Schemas may name a catalog key as their message; anything else is shown as written.
      fieldErrors[field] ??= translate(issue.message) ?? issue.message;
    }
    return { ok: false, message: t("invalidInput"), fieldErrors, values };
  }

  try {
    return await handler(parsed.data, { staff });
  } catch (error) {
    if (error instanceof DomainError) {
      const message = translate(error.code, error.params) ?? t("conflict");
      return { ok: false, message, fieldErrors: error.field ? { [error.field]: message } : undefined, values };
    }
    throw error;
  }
}

/**
 * Builds a server action called with a plain object (e.g. search suggestions).
 * The only way to export an action: it authenticates, checks the role from the
 * database, then validates input, before the handler sees anything.
 */
export function staffAction<S extends z.ZodType, T>(schema: S, handler: Handler<S, T>, options: ActionOptions = {}) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => run(schema, handler, options, input);
}

/** Builds a server action for `useActionState` / `<form action>`: (previousState, formData). */
export function staffFormAction<S extends z.ZodType, T>(
  schema: S,
  handler: Handler<S, T>,
  options: ActionOptions = {},
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> =>
    run(schema, handler, options, formData);
}

/**
 * For the two actions a signed-out visitor may call (sign-in, sign-out):
 * still validated, still mapped to the same result shape.
 */
export function publicFormAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>) => Promise<ActionResult<T>>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const t = await getTranslations("errors");
    const parsed = schema.safeParse(toObject(formData));
    if (!parsed.success) return { ok: false, message: t("invalidInput"), values: formValues(formData) };
    return handler(parsed.data);
  };
}
