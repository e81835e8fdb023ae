/** DOMAIN.md, "Stored value": each top-up HK$10–2,000, in HKD minor units. */
export const TOP_UP_MIN_MINOR = 1_000;
export const TOP_UP_MAX_MINOR = 200_000;
/** A correction is a supervisor's fix, never a way around the top-up: the same ceiling applies. */
export const CORRECTION_MAX_MINOR = 200_000;

/** A balance after a correction; null when it would go below zero (refused). */
export function correctedBalance(balanceMinor: number, deltaMinor: number): number | null {
  const after = balanceMinor + deltaMinor;
  return after < 0 ? null : after;
}
