import type { CashDrawerStatus } from "./enums";

/** A float or a count above HK$1,000,000 is a typo, not a drawer. */
export const CASH_FLOAT_MAX_MINOR = 100_000_000;
export const DRAWER_REASON_MAX = 500;

export type CloseRefusal =
  | { code: "not_open"; status: CashDrawerStatus }
  | { code: "not_owner" }
  | { code: "reason_required"; differenceMinor: number };

/**
 * Whether an agent may close a drawer with this count: only their own, only
 * while open, and a count that differs from what the drawer should hold needs
 * a reason. The mutation calls this under the drawer's row lock.
 */
export function checkClose(
  drawer: { staffId: number; status: CashDrawerStatus; expectedMinor: number },
  close: { actorId: number; countedMinor: number; reason: string | null },
): { refusal: CloseRefusal | null; differenceMinor: number } {
  const differenceMinor = close.countedMinor - drawer.expectedMinor;
  if (drawer.staffId !== close.actorId) return { refusal: { code: "not_owner" }, differenceMinor };
  if (drawer.status !== "open") return { refusal: { code: "not_open", status: drawer.status }, differenceMinor };
  if (differenceMinor !== 0 && !close.reason?.trim()) {
    return { refusal: { code: "reason_required", differenceMinor }, differenceMinor };
  }
  return { refusal: null, differenceMinor };
}

export type SignOffRefusal = { code: "not_closed"; status: CashDrawerStatus } | { code: "own_drawer" };

/** A supervisor signs off a closed drawer, never their own (someone else checks the count). */
export function checkSignOff(
  drawer: { staffId: number; status: CashDrawerStatus },
  actorId: number,
): SignOffRefusal | null {
  if (drawer.staffId === actorId) return { code: "own_drawer" };
  if (drawer.status !== "closed") return { code: "not_closed", status: drawer.status };
  return null;
}
