import { deriveCardState, type CardState } from "@/lib/domain/card-state";
import type { Currency, ExtensionMode, PaymentMethod } from "@/lib/domain/enums";
import { formatMoney } from "@/lib/domain/money";
import { describePaymentRefusal, isPaymentRefusal, type PaymentRefusal } from "@/lib/domain/payment-step";
import { addDays, DAY_MS, hkDay, hkEndOfDay } from "@/lib/domain/time";

export type Refusal =
  | { code: "card_expired" }
  | { code: "card_suspended" }
  | { code: "cap_exceeded"; capDays: number; capEnd: Date }
  | { code: "no_extension"; currentEnd: Date }
  | { code: "stored_value_short"; balanceMinor: number; priceMinor: number }
  | { code: "stored_value_currency" };

/**
 * Everything that can stop a renewal, as data: the quote's own refusals and
 * what the renewal check reads from the database (db/queries/renewals.ts).
 */
export type RenewalRefusal =
  | Refusal
  | { code: "card_not_found" }
  | { code: "plan_not_sellable" }
  | { code: "sms_number_not_on_card" }
  | PaymentRefusal;

export interface RefusalMessage {
  /** A key of the "errors" catalog. */
  key: `renewal.${RenewalRefusal["code"]}`;
  params: Record<string, string | number>;
  /** The form field the refusal belongs to, if any. */
  field?: "planVersionId" | "smsMsisdn" | "method" | "currency" | "reference";
}

/** The one mapping from a refusal to its message: the preview shows it, the confirm throws it. */
export function describeRefusal(refusal: RenewalRefusal): RefusalMessage {
  if (isPaymentRefusal(refusal)) return describePaymentRefusal(refusal);
  const key = `renewal.${refusal.code}` as const;
  switch (refusal.code) {
    case "cap_exceeded":
      return { key, params: { capDays: refusal.capDays } };
    case "stored_value_short":
      return {
        key,
        params: { balance: formatMoney(refusal.balanceMinor, "HKD"), price: formatMoney(refusal.priceMinor, "HKD") },
        field: "method",
      };
    case "stored_value_currency":
      return { key, params: {}, field: "currency" };
    case "plan_not_sellable":
      return { key, params: {}, field: "planVersionId" };
    case "sms_number_not_on_card":
      return { key, params: {}, field: "smsMsisdn" };
    default:
      return { key, params: {} };
  }
}

export type Warning = "grace_restores_service" | "queued_period" | "sms_real_name_pending" | "sms_real_name_failed";

/** The review warns when the SMS goes to a number whose real-name registration is pending or failed. */
export function realNameWarning(status: string | null | undefined): Warning | null {
  if (status === "pending") return "sms_real_name_pending";
  if (status === "failed") return "sms_real_name_failed";
  return null;
}

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
