import { DAY_MS } from "@/lib/domain/time";

export type CardState = "active" | "grace" | "expired" | "suspended" | "replaced";

export interface CardStateInput {
  validityEnd: Date;
  suspendedAt: Date | null;
  /** Set once a replacement SIM took the card's numbers; optional for callers that never see one. */
  replacedAt?: Date | null;
  /**
   * The validity end before the card's first renewal the carrier has not
   * activated (null or absent when every renewal is active). Service runs on
   * that end until the carrier confirms.
   */
  undeliveredFrom?: Date | null;
}

export interface CardStateInfo {
  state: CardState;
  /** Last instant a renewal can still restore service (validity end + grace window). */
  graceEndsAt: Date;
  renewable: boolean;
  /** A paid renewal is not active yet: show "paid — not active yet", never "Active" with its data. */
  notActiveYet: boolean;
  /** The end the card is actually served until (the validity end, or the one before an undelivered renewal). */
  servedUntil: Date;
}

/**
 * State is derived from the dates at read time, so it can never go stale. A
 * renewal the carrier has not activated yet does not restore service: the
 * shown state counts from the end before it, while renewability (and the
 * renewal rules) count from the booked end.
 */
export function deriveCardState(card: CardStateInput, now: Date, graceDays: number): CardStateInfo {
  const booked = stateAt(card.validityEnd, card.suspendedAt, card.replacedAt ?? null, now, graceDays);
  const servedUntil = card.undeliveredFrom ?? card.validityEnd;
  const served = card.undeliveredFrom
    ? stateAt(servedUntil, card.suspendedAt, card.replacedAt ?? null, now, graceDays)
    : booked;
  return {
    state: served.state,
    graceEndsAt: served.graceEndsAt,
    renewable: booked.state === "active" || booked.state === "grace",
    notActiveYet: !!card.undeliveredFrom,
    servedUntil,
  };
}

function stateAt(end: Date, suspendedAt: Date | null, replacedAt: Date | null, now: Date, graceDays: number) {
  const graceEndsAt = new Date(end.getTime() + graceDays * DAY_MS);
  let state: CardState;
  if (replacedAt) state = "replaced";
  else if (suspendedAt) state = "suspended";
  else if (now.getTime() <= end.getTime()) state = "active";
  else if (now.getTime() <= graceEndsAt.getTime()) state = "grace";
  else state = "expired";
  return { state, graceEndsAt };
}

/** Whole Hong Kong days left until validity end, rounded up; 0 once it has passed. */
export function daysLeft(validityEnd: Date, now: Date): number {
  const ms = validityEnd.getTime() - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}
