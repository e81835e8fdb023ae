import type { Locale } from "../config";
import type auth from "./en/auth.json";
import type cards from "./en/cards.json";
import type common from "./en/common.json";
import type customers from "./en/customers.json";
import type desk from "./en/desk.json";
import type drawer from "./en/drawer.json";
import type errors from "./en/errors.json";
import type lifecycle from "./en/lifecycle.json";
import type nav from "./en/nav.json";
import type palette from "./en/palette.json";
import type plans from "./en/plans.json";
import type reconciliation from "./en/reconciliation.json";
import type renewals from "./en/renewals.json";
import type reports from "./en/reports.json";
import type security from "./en/security.json";
import type staff from "./en/staff.json";

/**
 * The catalog's shape, taken from the English files: next-intl's AppConfig
 * (global.d.ts) types every `t("…")` against it, so a misspelt or missing key
 * fails the typecheck.
 */
export interface Messages {
  common: typeof common;
  nav: typeof nav;
  auth: typeof auth;
  errors: typeof errors;
  customers: typeof customers;
  cards: typeof cards;
  lifecycle: typeof lifecycle;
  renewals: typeof renewals;
  plans: typeof plans;
  reports: typeof reports;
  staff: typeof staff;
  security: typeof security;
  palette: typeof palette;
  desk: typeof desk;
  reconciliation: typeof reconciliation;
  drawer: typeof drawer;
}

// One file per feature namespace keeps catalogs small and merge-friendly.
const namespaces = [
  "common",
  "nav",
  "auth",
  "errors",
  "customers",
  "cards",
  "lifecycle",
  "renewals",
  "plans",
  "reports",
  "staff",
  "security",
  "palette",
  "desk",
  "reconciliation",
  "drawer",
] as const satisfies readonly (keyof Messages)[];

export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    namespaces.map(async (ns) => [ns, (await import(`./${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries) as unknown as Messages;
}
