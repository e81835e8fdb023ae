import type { CardState } from "./card-state";
import type { SuspendReason, SuspensionReason } from "./enums";
import type { Permission } from "./permissions";

/**
 * Who may suspend a card for each reason: lost, stolen and real-name missing
 * are any agent's (at the customer's request); suspected fraud and a block
 * the carrier imposed are a supervisor's.
 */
export const suspendPermission: Record<SuspendReason, Permission> = {
  lost: "suspendCard",
  stolen: "suspendCard",
  real_name_missing: "suspendCard",
  fraud: "suspendForFraud",
  carrier: "recordCarrierSuspension",
};

/** Who may lift each kind of suspension; fraud (and the legacy "other") only a supervisor. */
export const liftPermission: Record<SuspensionReason, Permission> = {
  lost: "liftSuspension",
  stolen: "liftSuspension",
  real_name_missing: "liftSuspension",
  fraud: "liftFraudSuspension",
  carrier: "recordCarrierSuspension",
  other: "liftFraudSuspension",
};

/**
 * The check a lift needs before it is allowed (DOMAIN.md: "after the check the
 * reason needs"): the caller's identity for a lost or stolen card, every live
 * number verified for real-name, and a written reason for a supervisor's lift.
 */
export type LiftCheck = "identity" | "real_name" | "reason";

export function liftChecks(reason: SuspensionReason): LiftCheck[] {
  switch (reason) {
    case "lost":
    case "stolen":
      return ["identity"];
    case "real_name_missing":
      return ["real_name"];
    default:
      return ["reason"];
  }
}

/** Real-name statuses that let a real-name suspension be lifted. */
export const realNameCleared: readonly string[] = ["verified", "not_required"];

/** A suspension for suspected fraud needs a note saying why. */
export function suspendNeedsNote(reason: SuspendReason): boolean {
  return reason === "fraud" || reason === "carrier";
}

/** What a card's state lets staff do next, for the card page's buttons (the mutations check again). */
export function lifecycleOptions(state: CardState) {
  return {
    suspend: state === "active" || state === "grace",
    lift: state === "suspended",
    replace: state === "active" || state === "grace" || state === "suspended",
    newCard: state === "expired",
  };
}

/** Whether a replacement SIM starts suspended: a lost or stolen one's block stays with the old SIM. */
export function suspensionFollowsReplacement(
  suspension: SuspensionReason | null,
  replacement: "lost" | "stolen" | "damaged",
): boolean {
  if (!suspension) return false;
  if ((suspension === "lost" || suspension === "stolen") && (replacement === "lost" || replacement === "stolen"))
    return false;
  return true;
}
