import { deriveCardState, type CardState } from "@/lib/domain/card-state";
import { formatHkt } from "@/lib/domain/format";
import { validityCapEnd } from "@/lib/domain/renewal-quote";
import { addDays, hkDay, hkEndOfDay } from "@/lib/domain/time";

/** DOMAIN.md, "Goodwill extension": product rules, not defaults. */
export const GOODWILL_MIN_DAYS = 1;
export const GOODWILL_MAX_DAYS = 30;
export const GOODWILL_PER_WINDOW = 2;
export const GOODWILL_WINDOW_DAYS = 365;

export type GoodwillRefusal =
  | { code: "card_not_found" }
  | { code: "days_out_of_range"; min: number; max: number }
  | { code: "card_expired" }
  | { code: "limit_reached"; limit: number; windowDays: number }
  | { code: "still_in_past"; newEnd: Date }
  | { code: "cap_exceeded"; capYears: number; capEnd: Date };

export interface GoodwillQuoteInput {
  now: Date;
  card: { validityEnd: Date; suspendedAt: Date | null };
  days: number;
  /** Goodwill extensions this card had in the last 365 days. */
  recentCount: number;
  graceDays: number;
  /** The validity cap in calendar years (DOMAIN.md), as for renewals. */
  capYears: number;
}

export interface GoodwillQuote {
  state: CardState;
  previousValidityEnd: Date;
  newValidityEnd: Date;
  refusals: GoodwillRefusal[];
}

/**
 * What a goodwill extension would do: the validity end moves by `days`
 * (still 23:59:59 Hong Kong time), no data is added, no money moves. Refused
 * when the days are out of range, the card already had two in 365 days, the
 * cap would be passed, or the end would still be in the past (the card must
 * be renewed instead). The preview, the confirm and every bulk item call this.
 */
export function quoteGoodwill(input: GoodwillQuoteInput): GoodwillQuote {
  const { now, card, days } = input;
  const { state } = deriveCardState(card, now, input.graceDays);
  const refusals: GoodwillRefusal[] = [];
  const inRange = Number.isInteger(days) && days >= GOODWILL_MIN_DAYS && days <= GOODWILL_MAX_DAYS;
  if (!inRange) refusals.push({ code: "days_out_of_range", min: GOODWILL_MIN_DAYS, max: GOODWILL_MAX_DAYS });
  const newValidityEnd = hkEndOfDay(addDays(hkDay(card.validityEnd), inRange ? days : 0));
  if (state === "expired") refusals.push({ code: "card_expired" });
  if (input.recentCount >= GOODWILL_PER_WINDOW) {
    refusals.push({ code: "limit_reached", limit: GOODWILL_PER_WINDOW, windowDays: GOODWILL_WINDOW_DAYS });
  }
  if (inRange && state !== "expired" && newValidityEnd.getTime() <= now.getTime()) {
    refusals.push({ code: "still_in_past", newEnd: newValidityEnd });
  }
  const capEnd = validityCapEnd(now, input.capYears);
  if (inRange && newValidityEnd.getTime() > capEnd.getTime()) {
    refusals.push({ code: "cap_exceeded", capYears: input.capYears, capEnd });
  }
  return { state, previousValidityEnd: card.validityEnd, newValidityEnd, refusals };
}

export interface GoodwillRefusalMessage {
  /** A key of the "desk" catalog's goodwill errors. */
  key: `desk.goodwill.errors.${GoodwillRefusal["code"]}`;
  params: Record<string, string | number>;
  field?: "days";
}

export function describeGoodwillRefusal(refusal: GoodwillRefusal): GoodwillRefusalMessage {
  const key = `desk.goodwill.errors.${refusal.code}` as const;
  switch (refusal.code) {
    case "days_out_of_range":
      return { key, params: { min: refusal.min, max: refusal.max }, field: "days" };
    case "limit_reached":
      return { key, params: { limit: refusal.limit, windowDays: refusal.windowDays } };
    case "cap_exceeded":
      return {
        key,
        params: { capYears: refusal.capYears, capDate: formatHkt(refusal.capEnd, { dateOnly: true }) },
        field: "days",
      };
    case "still_in_past":
      return { key, params: {}, field: "days" };
    default:
      return { key, params: {} };
  }
}
