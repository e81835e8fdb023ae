import "server-only";
import { env } from "./env";

/** Business settings with DOMAIN.md's defaults, overridable per deployment. */
export function businessRules() {
  return { graceDays: env().GRACE_DAYS, validityCapYears: env().VALIDITY_CAP_YEARS };
}

/** The replacement SIM fee per currency, in minor units. */
export function replacementFees() {
  return { HKD: env().REPLACEMENT_FEE_HKD_MINOR, CNY: env().REPLACEMENT_FEE_CNY_MINOR };
}
