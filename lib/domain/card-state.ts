import { DAY_MS } from "@/lib/domain/time";

export type CardState = "active" | "grace" | "expired" | "suspended" | "replaced";

export interface CardStateInput {
  validityEnd: Date;
  suspendedAt: Date | null;
  /** Set once a replacement SIM took the card's numbers; optional for callers that never see one. */
  replacedAt?: Date | null;
}

export interface CardStateInfo {
  state: CardState;
  /** Last instant a renewal can still restore service (validity end + grace window). */
  graceEndsAt: Date;
  renewable: boolean;
}

/** State is derived from the dates at read time, so it can never go stale. */
export function deriveCardState(card: CardStateInput, now: Date, graceDays: number): CardStateInfo {
  const graceEndsAt = new Date(card.validityEnd.getTime() + graceDays * DAY_MS);
  let state: CardState;
  if (card.replacedAt) state = "replaced";
  else if (card.suspendedAt) state = "suspended";
  else if (now.getTime() <= card.validityEnd.getTime()) state = "active";
  else if (now.getTime() <= graceEndsAt.getTime()) state = "grace";
  else state = "expired";
  return { state, graceEndsAt, renewable: state === "active" || state === "grace" };
}

/** Whole Hong Kong days left until validity end, rounded up; 0 once it has passed. */
export function daysLeft(validityEnd: Date, now: Date): number {
  const ms = validityEnd.getTime() - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}
