import "server-only";
import { env } from "./env";

/** Business settings with DOMAIN.md's defaults, overridable per deployment. */
export function businessRules() {
  return { graceDays: env().GRACE_DAYS, validityCapYears: env().VALIDITY_CAP_YEARS };
}
