/**
 * Every catalog has exactly the English catalog's keys, checked by the
 * typecheck: a key missing from (or left over in) a translation fails
 * `tsc`, not a page at run time. Add a locale's files here with the locale.
 */
import type { Messages } from ".";
import type auth from "./zh-Hans/auth.json";
import type cards from "./zh-Hans/cards.json";
import type common from "./zh-Hans/common.json";
import type customers from "./zh-Hans/customers.json";
import type desk from "./zh-Hans/desk.json";
import type errors from "./zh-Hans/errors.json";
import type lifecycle from "./zh-Hans/lifecycle.json";
import type nav from "./zh-Hans/nav.json";
import type plans from "./zh-Hans/plans.json";
import type renewals from "./zh-Hans/renewals.json";
import type reports from "./zh-Hans/reports.json";
import type staff from "./zh-Hans/staff.json";

interface ZhHans {
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
  desk: typeof desk;
}

/** The tree of keys, with every message reduced to `string`. */
type Keys<T> = T extends string ? string : { [K in keyof T]: Keys<T[K]> };
type SameKeys<A, B> = [Keys<A>] extends [Keys<B>] ? ([Keys<B>] extends [Keys<A>] ? true : false) : false;

export const zhHansMatchesEnglish: SameKeys<ZhHans, Messages> = true;
