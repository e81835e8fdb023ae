import { z } from "@/lib/validation/zod";
import { dataUnits, extensionModes, planStatuses, type DataUnit } from "@/lib/domain/enums";
import { parseMoney } from "@/lib/domain/money";
import { idField } from "./ids";

// Messages are keys of the "plans" catalog; the action wrapper translates them.
const m = (key: string) => `plans.validation.${key}`;

/** A typo guard, well above any real package and inside a 32-bit column. */
const PRICE_MAX_MINOR = 10_000_000;
/** 1 TB per region: above any real package, inside a 32-bit column. */
const DATA_MAX_MB = 1024 * 1024;
const VALIDITY_DAYS_MAX = 730;
const SORT_ORDER_MAX = 9999;
const NAME_MAX_LENGTH = 120;

/**
 * A price typed by an admin, as minor units. Distinguishes the mistakes, so the
 * message says which: signs, exponents and text are not amounts; more than two
 * decimals is not a price; zero is not for sale; the cap catches a slipped key.
 */
export function parsePrice(input: string): { ok: true; minor: number } | { ok: false; error: string } {
  const value = input.trim();
  if (value === "") return { ok: false, error: "required" };
  if (/^-\s*\d/.test(value)) return { ok: false, error: "pricePositive" };
  if (/^\d[\d,]*\.\d{3,}$/.test(value)) return { ok: false, error: "priceDecimals" };
  const minor = parseMoney(value);
  if (minor === null) return { ok: false, error: "priceFormat" };
  if (minor === 0) return { ok: false, error: "pricePositive" };
  if (minor > PRICE_MAX_MINOR) return { ok: false, error: "priceTooLarge" };
  return { ok: true, minor };
}

/**
 * A data allowance entered in GB (up to three decimals) or whole MB, stored
 * exactly in MB (1 GB = 1024 MB). A GB figure that is not a whole number of MB
 * is refused rather than rounded.
 */
export function parseDataAllowance(
  input: string,
  unit: DataUnit,
): { ok: true; mb: number } | { ok: false; error: string } {
  const value = input.trim();
  if (value === "") return { ok: false, error: "required" };
  const match = /^(\d{1,7})(?:\.(\d{1,3}))?$/.exec(value);
  if (!match) return { ok: false, error: "dataFormat" };
  const [, whole, fraction] = match;
  if (unit === "MB") {
    if (fraction !== undefined) return { ok: false, error: "dataWholeMb" };
    const mb = Number(whole);
    return mb > DATA_MAX_MB ? { ok: false, error: "dataTooLarge" } : { ok: true, mb };
  }
  const thousandths = Number(whole) * 1000 + Number((fraction ?? "").padEnd(3, "0"));
  if ((thousandths * 1024) % 1000 !== 0) return { ok: false, error: "dataNotExact" };
  const mb = (thousandths * 1024) / 1000;
  return mb > DATA_MAX_MB ? { ok: false, error: "dataTooLarge" } : { ok: true, mb };
}

/** How a stored allowance is shown in the form: GB from 1 GB up when exact, otherwise MB. */
export function dataAllowanceInput(mb: number): { value: string; unit: DataUnit } {
  if (mb >= 1024 && (mb * 1000) % 1024 === 0) return { value: String((mb * 1000) / 1024 / 1000), unit: "GB" };
  return { value: String(mb), unit: "MB" };
}

/** Minor units back to what an admin would type ("98.50"). */
export function priceInput(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

const text = (max: number) => z.string(m("required")).trim().min(1, m("required")).max(max, m("tooLong"));

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string(m("required"))
    .trim()
    .min(1, m("required"))
    .regex(/^\d{1,6}$/, m(message))
    .transform(Number)
    .refine((n) => n >= min && n <= max, m(message));

const unit = z.enum(dataUnits, m("dataUnit"));

const price = z
  .string(m("required"))
  .max(32, m("priceFormat"))
  .transform((value, ctx) => {
    const parsed = parsePrice(value);
    if (parsed.ok) return parsed.minor;
    ctx.addIssue({ code: "custom", message: m(parsed.error) });
    return z.NEVER;
  });

/** What a customer buys: any change to these makes a new plan version. */
export const planTermKeys = [
  "validityDays",
  "dataCnMb",
  "dataHkMb",
  "priceHkdMinor",
  "priceCnyMinor",
  "extensionMode",
] as const;
export interface PlanTerms {
  validityDays: number;
  dataCnMb: number;
  dataHkMb: number;
  priceHkdMinor: number;
  priceCnyMinor: number;
  extensionMode: (typeof extensionModes)[number];
}

const planFields = {
  nameEn: text(NAME_MAX_LENGTH),
  nameZh: text(NAME_MAX_LENGTH),
  nameZhHant: text(NAME_MAX_LENGTH),
  sortOrder: wholeNumber(0, SORT_ORDER_MAX, "sortOrder"),
  validityDays: wholeNumber(1, VALIDITY_DAYS_MAX, "validityDays"),
  dataCn: z.string(m("required")).max(32, m("dataFormat")),
  dataCnUnit: unit,
  dataHk: z.string(m("required")).max(32, m("dataFormat")),
  dataHkUnit: unit,
  priceHkd: price,
  priceCny: price,
  extensionMode: z.enum(extensionModes, m("extensionMode")),
};

type PlanFieldsOutput = z.infer<z.ZodObject<typeof planFields>>;

/**
 * Data allowances need their unit, so they are checked with the whole form.
 * The check runs even when other fields failed, so every mistake shows at once.
 */
function checkDataAllowances(value: PlanFieldsOutput, ctx: z.RefinementCtx) {
  for (const [field, unitField] of [
    ["dataCn", "dataCnUnit"],
    ["dataHk", "dataHkUnit"],
  ] as const) {
    const [input, unitValue] = [value[field] as unknown, value[unitField] as unknown];
    if (typeof input !== "string" || !dataUnits.includes(unitValue as DataUnit)) continue;
    const parsed = parseDataAllowance(input, unitValue as DataUnit);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: m(parsed.error), path: [field] });
  }
}
const everyTime = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

function toPlan<T extends PlanFieldsOutput>(value: T) {
  const { dataCn, dataCnUnit, dataHk, dataHkUnit, priceHkd, priceCny, validityDays, extensionMode, ...rest } = value;
  const mb = (input: string, unitValue: DataUnit) => {
    const parsed = parseDataAllowance(input, unitValue);
    if (!parsed.ok) throw new Error("unreachable: checked by checkDataAllowances");
    return parsed.mb;
  };
  const terms: PlanTerms = {
    validityDays,
    dataCnMb: mb(dataCn, dataCnUnit),
    dataHkMb: mb(dataHk, dataHkUnit),
    priceHkdMinor: priceHkd,
    priceCnyMinor: priceCny,
    extensionMode,
  };
  return { ...rest, terms };
}

const PLAN_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;

/** The create form. Strict: a field the form does not have (a price in minor units, an author) is tampering. */
export const createPlanSchema = z
  .object({
    code: z
      .string(m("required"))
      .trim()
      .toUpperCase()
      .min(1, m("required"))
      .max(40, m("codeFormat"))
      .regex(PLAN_CODE_PATTERN, m("codeFormat")),
    ...planFields,
  })
  .strict()
  .superRefine(checkDataAllowances, everyTime)
  .transform(toPlan);
export type CreatePlanInput = z.output<typeof createPlanSchema>;

const id = idField(m("required"));

/** The edit form: the code is stable, so it is not editable; lockVersion is what the editor read. */
export const updatePlanSchema = z
  .object({ planId: id, lockVersion: id, ...planFields })
  .strict()
  .superRefine(checkDataAllowances, everyTime)
  .transform(toPlan);
export type UpdatePlanInput = z.output<typeof updatePlanSchema>;

/** Publish, archive, restore and delete name the plan and the lockVersion the admin was looking at. */
export const planTransitionSchema = z.object({ planId: id, lockVersion: id }).strict();
export type PlanTransitionInput = z.output<typeof planTransitionSchema>;

export const planStatusChanges = ["publish", "archive", "restore"] as const;
export const planStatusChangeSchema = planTransitionSchema.extend({ kind: z.enum(planStatusChanges) }).strict();
export type PlanStatusChangeInput = z.output<typeof planStatusChangeSchema>;

export const planStatusFilters = ["all", ...planStatuses] as const;
export type PlanStatusFilter = (typeof planStatusFilters)[number];

/** The catalog's URL state (?status=&q=); anything unexpected falls back to the default view. */
export function parsePlanListParams(params: Record<string, string | string[] | undefined>) {
  const status =
    typeof params.status === "string" && (planStatusFilters as readonly string[]).includes(params.status)
      ? (params.status as PlanStatusFilter)
      : "all";
  const q = typeof params.q === "string" ? params.q.trim().slice(0, 100) : "";
  return { status, q };
}
