import { z } from "@/lib/validation/zod";
import { staffRoles } from "@/lib/domain/enums";
import { passwordProblem } from "@/lib/auth/password-policy";
import { decodeCursor } from "@/lib/keyset";
import { idField } from "./ids";

// Messages are keys of the "staff" catalog; the action wrapper translates them.
const m = (key: string) => `staff.validation.${key}`;

// Bytes are what the policy caps; this only stops a megabyte reaching it.
const PASSWORD_MAX_LENGTH = 1024;

const id = idField(m("required"));
const role = z.enum(staffRoles, m("role"));

/**
 * "generate": the server makes a strong password and shows it once.
 * "set": the admin types one, at least PASSWORD_MIN_LENGTH long.
 */
const passwordChoice = {
  mode: z.enum(["generate", "set"], m("passwordMode")),
  password: z.string().max(PASSWORD_MAX_LENGTH, m("passwordTooLong")).optional(),
};

/**
 * Runs even when other fields failed, so every mistake shows at once; the
 * policy (length, bytes, common passwords, the member's own email and name)
 * is checked here, before anything is hashed.
 */
function checkPassword(
  value: { mode: "generate" | "set"; password?: string; email?: unknown; name?: unknown },
  ctx: z.RefinementCtx,
) {
  if (value.mode !== "set") return;
  const password: unknown = value.password;
  const inputs = [value.email, value.name].filter((v): v is string => typeof v === "string");
  const problem = typeof password === "string" ? passwordProblem(password, inputs) : "passwordTooShort";
  if (problem) ctx.addIssue({ code: "custom", message: m(problem), path: ["password"] });
}

const everyTime = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

/** The password the admin chose, or null when the server should generate one. */
const chosenPassword = <T extends { mode: "generate" | "set"; password?: string }>({ mode, password, ...rest }: T) => ({
  ...rest,
  password: mode === "set" ? (password ?? null) : null,
});

export const createStaffSchema = z
  .object({
    email: z
      .string(m("required"))
      .trim()
      .toLowerCase()
      .min(1, m("required"))
      .max(254, m("email"))
      .pipe(z.email(m("email"))),
    name: z.string(m("required")).trim().min(1, m("required")).max(120, m("nameTooLong")),
    role,
    ...passwordChoice,
  })
  .strict()
  .superRefine(checkPassword, everyTime)
  .transform(chosenPassword);
export type CreateStaffInput = z.output<typeof createStaffSchema>;

export const changeStaffRoleSchema = z.object({ staffId: id, role }).strict();
export type ChangeStaffRoleInput = z.output<typeof changeStaffRoleSchema>;

export const setStaffDisabledSchema = z
  .object({ staffId: id, disabled: z.enum(["true", "false"]).transform((v) => v === "true") })
  .strict();
export type SetStaffDisabledInput = z.output<typeof setStaffDisabledSchema>;

export const resetStaffPasswordSchema = z
  .object({ staffId: id, ...passwordChoice })
  .strict()
  .superRefine(checkPassword, everyTime)
  .transform(chosenPassword);
export type ResetStaffPasswordInput = z.output<typeof resetStaffPasswordSchema>;

export const staffStateFilters = ["all", "active", "disabled"] as const;
export type StaffStateFilter = (typeof staffStateFilters)[number];

/** The staff list's URL state (?q=&role=&state=&after=); anything unexpected falls back to the default view. */
export function parseStaffListParams(params: Record<string, string | string[] | undefined>) {
  const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
    typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
  const after = decodeCursor(typeof params.after === "string" ? params.after : null);
  return {
    q: typeof params.q === "string" ? params.q.trim().slice(0, 100) : "",
    role: pick(params.role, staffRoles),
    state: pick(params.state, staffStateFilters) ?? "all",
    after:
      after && after.length === 2 && typeof after[0] === "string" && typeof after[1] === "number"
        ? { name: after[0], id: after[1] }
        : null,
  };
}
