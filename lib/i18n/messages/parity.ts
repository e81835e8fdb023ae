/**
 * Every catalog has exactly the English catalog's keys, checked by the
 * typecheck: a key missing from (or left over in) a translation fails
 * `tsc`, not a page at run time. Add a locale's files here with the locale.
 */
import type { Messages } from ".";
import type HansCommon from "./zh-Hans/common.json";
import type HansNav from "./zh-Hans/nav.json";
import type HansAuth from "./zh-Hans/auth.json";
import type HansErrors from "./zh-Hans/errors.json";
import type HansCustomers from "./zh-Hans/customers.json";
import type HansCards from "./zh-Hans/cards.json";
import type HansLifecycle from "./zh-Hans/lifecycle.json";
import type HansRenewals from "./zh-Hans/renewals.json";
import type HansPlans from "./zh-Hans/plans.json";
import type HansReports from "./zh-Hans/reports.json";
import type HansStaff from "./zh-Hans/staff.json";
import type HansSecurity from "./zh-Hans/security.json";
import type HansPalette from "./zh-Hans/palette.json";
import type HansDesk from "./zh-Hans/desk.json";
import type HansReconciliation from "./zh-Hans/reconciliation.json";
import type HansDrawer from "./zh-Hans/drawer.json";
import type HantCommon from "./zh-Hant/common.json";
import type HantNav from "./zh-Hant/nav.json";
import type HantAuth from "./zh-Hant/auth.json";
import type HantErrors from "./zh-Hant/errors.json";
import type HantCustomers from "./zh-Hant/customers.json";
import type HantCards from "./zh-Hant/cards.json";
import type HantLifecycle from "./zh-Hant/lifecycle.json";
import type HantRenewals from "./zh-Hant/renewals.json";
import type HantPlans from "./zh-Hant/plans.json";
import type HantReports from "./zh-Hant/reports.json";
import type HantStaff from "./zh-Hant/staff.json";
import type HantSecurity from "./zh-Hant/security.json";
import type HantPalette from "./zh-Hant/palette.json";
import type HantDesk from "./zh-Hant/desk.json";
import type HantReconciliation from "./zh-Hant/reconciliation.json";
import type HantDrawer from "./zh-Hant/drawer.json";

interface Hans {
  common: typeof HansCommon;
  nav: typeof HansNav;
  auth: typeof HansAuth;
  errors: typeof HansErrors;
  customers: typeof HansCustomers;
  cards: typeof HansCards;
  lifecycle: typeof HansLifecycle;
  renewals: typeof HansRenewals;
  plans: typeof HansPlans;
  reports: typeof HansReports;
  staff: typeof HansStaff;
  security: typeof HansSecurity;
  palette: typeof HansPalette;
  desk: typeof HansDesk;
  reconciliation: typeof HansReconciliation;
  drawer: typeof HansDrawer;
}

interface Hant {
  common: typeof HantCommon;
  nav: typeof HantNav;
  auth: typeof HantAuth;
  errors: typeof HantErrors;
  customers: typeof HantCustomers;
  cards: typeof HantCards;
  lifecycle: typeof HantLifecycle;
  renewals: typeof HantRenewals;
  plans: typeof HantPlans;
  reports: typeof HantReports;
  staff: typeof HantStaff;
  security: typeof HantSecurity;
  palette: typeof HantPalette;
  desk: typeof HantDesk;
  reconciliation: typeof HantReconciliation;
  drawer: typeof HantDrawer;
}

/** The tree of keys, with every message reduced to `string`. */
type Keys<T> = T extends string ? string : { [K in keyof T]: Keys<T[K]> };
type SameKeys<A, B> = [Keys<A>] extends [Keys<B>] ? ([Keys<B>] extends [Keys<A>] ? true : false) : false;

export const zhHansMatchesEnglish: SameKeys<Hans, Messages> = true;
export const zhHantMatchesEnglish: SameKeys<Hant, Messages> = true;
