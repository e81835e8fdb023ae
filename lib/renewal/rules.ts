import { deriveCardState, type CardState } from "@/lib/card-state";
import type { Currency } from "@/lib/money";
import { addDays, DAY_MS, hkDay, hkEndOfDay } from "@/lib/time";

export type ExtensionMode = "stack" | "max_from_today";
export type PaymentMethod = "wechat_pay" | "alipay" | "fps" | "bank_transfer" | "cash" | "stored_value";

export const paymentMethods: readonly PaymentMethod[] = [
  "wechat_pay",
  "alipay",
  "fps",
  "bank_transfer",
  "cash",
  "stored_value",
];
/** Methods whose money arrives elsewhere and must be traceable by the provider's reference. */
export const methodsNeedingReference: readonly PaymentMethod[] = ["wechat_pay", "alipay", "fps", "bank_transfer"];

export type Refusal =
  | { code: "card_expired" }
  | { code: "card_suspended" }
  | { code: "cap_exceeded"; capDays: number; capEnd: Date }
  | { code: "no_extension"; currentEnd: Date }
  | { code: "stored_value_short"; balanceMinor: number; priceMinor: number }
  | { code: "stored_value_currency" };

export type Warning = "grace_restores_service" | "queued_period";

export interface RenewalPlanTerms {
  validityDays: number;
  extensionMode: ExtensionMode;
  priceHkdMinor: number;
  priceCnyMinor: number;
}

export interface RenewalQuoteInput {
  now: Date;
  card: { validityEnd: Date; suspendedAt: Date | null; storedValueHkdMinor: number };
  plan: RenewalPlanTerms;
  method: PaymentMethod;
  currency: Currency;
  graceDays: number;
  capDays: number;
}

export interface RenewalQuote {
  state: CardState;
  mode: ExtensionMode;
  previousValidityEnd: Date;
  /** When the new period's data becomes available. */
  startsAt: Date;
  newValidityEnd: Date;
  priceMinor: number;
  currency: Currency;
  warnings: Warning[];
  refusals: Refusal[];
}

/** The Hong Kong day on which an instant's validity ends (23:59:59 belongs to that day). */
function lastDay(validityEnd: Date): string {
  return hkDay(validityEnd);
}

/**
 * What a renewal would do, computed the same way for the preview and, against
 * the locked card row, for the confirm. Validity always ends at 23:59:59 Hong
 * Kong time; the day of purchase counts as the first day of a period that
 * starts now.
 *
 * - stack: an active card's new period starts where its validity ends; a card
 *   in grace starts now.
 * - max_from_today: counts from today and keeps the old end if that is later
 *   (then the renewal would add no validity, which is refused as pointless).
 */
export function quoteRenewal(input: RenewalQuoteInput): RenewalQuote {
  const { now, card, plan } = input;
  const { state } = deriveCardState(card, now, input.graceDays);
  const today = hkDay(now);
  const warnings: Warning[] = [];
  const refusals: Refusal[] = [];
  const priceMinor = input.currency === "HKD" ? plan.priceHkdMinor : plan.priceCnyMinor;

  let startsAt: Date;
  let newValidityEnd: Date;
  if (plan.extensionMode === "stack" && state !== "grace" && card.validityEnd.getTime() > now.getTime()) {
    startsAt = new Date(card.validityEnd.getTime() + 1000);
    newValidityEnd = hkEndOfDay(addDays(lastDay(card.validityEnd), plan.validityDays));
  } else {
    startsAt = now;
    const fromToday = hkEndOfDay(addDays(today, plan.validityDays - 1));
    newValidityEnd =
      plan.extensionMode === "max_from_today" && card.validityEnd.getTime() > fromToday.getTime()
        ? card.validityEnd
        : fromToday;
  }

  if (state === "expired") refusals.push({ code: "card_expired" });
  if (state === "suspended") refusals.push({ code: "card_suspended" });
  if (state === "grace") warnings.push("grace_restores_service");
  if (startsAt.getTime() > now.getTime()) warnings.push("queued_period");

  if (newValidityEnd.getTime() <= card.validityEnd.getTime() && state === "active") {
    refusals.push({ code: "no_extension", currentEnd: card.validityEnd });
  }
  const capEnd = new Date(now.getTime() + input.capDays * DAY_MS);
  if (newValidityEnd.getTime() > capEnd.getTime())
    refusals.push({ code: "cap_exceeded", capDays: input.capDays, capEnd });

  if (input.method === "stored_value") {
    if (input.currency !== "HKD") refusals.push({ code: "stored_value_currency" });
    else if (card.storedValueHkdMinor < priceMinor) {
      refusals.push({ code: "stored_value_short", balanceMinor: card.storedValueHkdMinor, priceMinor });
    }
  }

  return {
    state,
    mode: plan.extensionMode,
    previousValidityEnd: card.validityEnd,
    startsAt,
    newValidityEnd,
    priceMinor,
    currency: input.currency,
    warnings,
    refusals,
  };
}

/** A void is possible while the renewal's period has not started and it is the card's latest. */
export function canVoid(renewal: { status: string; startsAt: Date; isLatest: boolean }, now: Date): boolean {
  return renewal.status !== "voided" && renewal.startsAt.getTime() > now.getTime() && renewal.isLatest;
}
