import { deriveCardState, type CardState } from "@/lib/domain/card-state";
import {
  methodsNeedingReference,
  type Currency,
  type ExtensionMode,
  type PaymentMethod,
  type RenewalStatus,
} from "@/lib/domain/enums";
import { isValidReference, normaliseReference } from "@/lib/domain/payment-reference";
import { formatMoney } from "@/lib/domain/money";
import { describePaymentRefusal, isPaymentRefusal, type PaymentRefusal } from "@/lib/domain/payment-step";
import { formatHkt } from "@/lib/domain/format";
import { receiptNumber } from "@/lib/domain/receipt-number";
import { addDays, hkDay, hkEndOfDay } from "@/lib/domain/time";

export type Refusal =
  | { code: "card_expired" }
  | { code: "card_suspended" }
  | { code: "card_replaced" }
  | { code: "cap_exceeded"; capYears: number; capEnd: Date }
  | { code: "stored_value_short"; balanceMinor: number; priceMinor: number }
  | { code: "stored_value_currency" };

/** A renewal of the same card a moment ago, as the review names it. */
export interface RecentRenewal {
  renewalId: number;
  soldByName: string | null;
  createdAt: Date;
}

/** How long after a renewal a second one of the same card needs the agent's acknowledgement. */
export const RECENT_RENEWAL_MINUTES = 10;

/**
 * Everything that can stop a renewal, as data: the quote's own refusals and
 * what the renewal check reads from the database (db/queries/renewals.ts).
 */
export type RenewalRefusal =
  | Refusal
  | { code: "card_not_found" }
  | { code: "plan_not_sellable" }
  | { code: "sms_number_not_on_card" }
  | PaymentRefusal
  | ({ code: "recent_renewal_unacknowledged" } & RecentRenewal);

export interface RefusalMessage {
  /** A key of the "errors" catalog. */
  key: `renewal.${RenewalRefusal["code"] | VoidRefusal["code"]}`;
  params: Record<string, string | number>;
  /** The form field the refusal belongs to, if any. */
  field?:
    | "planVersionId"
    | "smsMsisdn"
    | "method"
    | "currency"
    | "reference"
    | "acknowledgeRecentRenewal"
    | "refundMethod"
    | "refundReference";
}

/** The one mapping from a refusal to its message: the preview shows it, the confirm throws it, the void too. */
export function describeRefusal(refusal: RenewalRefusal | VoidRefusal): RefusalMessage {
  if (isPaymentRefusal(refusal)) return describePaymentRefusal(refusal);
  const key = `renewal.${refusal.code}` as const;
  switch (refusal.code) {
    case "cap_exceeded":
      return { key, params: { capYears: refusal.capYears, capDate: formatHkt(refusal.capEnd, { dateOnly: true }) } };
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
    case "recent_renewal_unacknowledged":
      return {
        key,
        params: {
          receipt: receiptNumber(refusal.renewalId),
          agent: refusal.soldByName ?? "—",
          time: formatHkt(refusal.createdAt),
          minutes: RECENT_RENEWAL_MINUTES,
        },
        field: "acknowledgeRecentRenewal",
      };
    case "refund_reference_required":
    case "refund_reference_format":
      return { key, params: {}, field: "refundReference" };
    case "refund_stored_value_currency":
      return { key, params: {}, field: "refundMethod" };
    default:
      return { key, params: {} };
  }
}

/**
 * - grace_restores_service: the card is in grace; renewing restores it now.
 * - queued_period: the new period starts when the current validity ends.
 * - data_only: max-from-today with a later old end: the end stays, the data starts now.
 * - sms_real_name_pending / sms_real_name_failed: the SMS number's real-name registration is not verified.
 */
export type Warning =
  "grace_restores_service" | "queued_period" | "data_only" | "sms_real_name_pending" | "sms_real_name_failed";

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
  card: { validityEnd: Date; suspendedAt: Date | null; replacedAt?: Date | null; storedValueHkdMinor: number };
  plan: RenewalPlanTerms;
  method: PaymentMethod;
  currency: Currency;
  graceDays: number;
  /** The validity cap in calendar years ahead of today's Hong Kong date. */
  capYears: number;
}

export interface RenewalQuote {
  state: CardState;
  mode: ExtensionMode;
  previousValidityEnd: Date;
  /** When the new period's data becomes available. */
  startsAt: Date;
  /** When the new period's data ends (before newValidityEnd only for a data-only renewal). */
  periodEndsAt: Date;
  /** The card's validity end after the renewal; never before the previous one. */
  newValidityEnd: Date;
  /** The last instant the cap allows (23:59:59 HKT on today's Hong Kong date + capYears). */
  capEnd: Date;
  priceMinor: number;
  currency: Currency;
  warnings: Warning[];
  refusals: Refusal[];
}

/**
 * The same calendar date `years` later; 29 February falls on 28 February in a
 * year without one (DOMAIN.md: from 2028-02-29 the cap's last day is 2030-02-28).
 */
/** The last instant the validity cap allows: 23:59:59 HKT on today's Hong Kong date plus `capYears` calendar years. */
export function validityCapEnd(now: Date, capYears: number): Date {
  return hkEndOfDay(addYears(hkDay(now), capYears));
}

export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const lastOfMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastOfMonth)).padStart(2, "0")}`;
}

/**
 * What a renewal would do, computed the same way for the preview and, against
 * the locked card row, for the confirm. Validity always ends at 23:59:59 Hong
 * Kong time; the day of purchase counts as the first day of a period that
 * starts now.
 *
 * - stack: an active card's new period starts where its validity ends; a card
 *   in grace starts now.
 * - max_from_today: counts from today; when the old end is later, the end
 *   stays where it is and the new period (with its data) runs from now for the
 *   plan's days: the renewal buys data, not time.
 * - the cap: the last valid Hong Kong day may be at most today's Hong Kong
 *   date plus `capYears` calendar years.
 */
export function quoteRenewal(input: RenewalQuoteInput): RenewalQuote {
  const { now, card, plan } = input;
  const { state } = deriveCardState(card, now, input.graceDays);
  const today = hkDay(now);
  const warnings: Warning[] = [];
  const refusals: Refusal[] = [];
  const priceMinor = input.currency === "HKD" ? plan.priceHkdMinor : plan.priceCnyMinor;

  let startsAt: Date;
  let periodEndsAt: Date;
  let newValidityEnd: Date;
  if (plan.extensionMode === "stack" && state !== "grace" && card.validityEnd.getTime() > now.getTime()) {
    startsAt = new Date(card.validityEnd.getTime() + 1000);
    periodEndsAt = newValidityEnd = hkEndOfDay(addDays(hkDay(card.validityEnd), plan.validityDays));
  } else {
    startsAt = now;
    periodEndsAt = hkEndOfDay(addDays(today, plan.validityDays - 1));
    newValidityEnd = periodEndsAt;
    if (plan.extensionMode === "max_from_today" && card.validityEnd.getTime() > periodEndsAt.getTime()) {
      newValidityEnd = card.validityEnd;
      warnings.push("data_only");
    }
  }

  if (state === "expired") refusals.push({ code: "card_expired" });
  if (state === "suspended") refusals.push({ code: "card_suspended" });
  if (state === "replaced") refusals.push({ code: "card_replaced" });
  if (state === "grace") warnings.push("grace_restores_service");
  if (startsAt.getTime() > now.getTime()) warnings.push("queued_period");

  const capEnd = validityCapEnd(now, input.capYears);
  if (newValidityEnd.getTime() > capEnd.getTime() && newValidityEnd.getTime() > card.validityEnd.getTime())
    refusals.push({ code: "cap_exceeded", capYears: input.capYears, capEnd });

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
    periodEndsAt,
    newValidityEnd,
    capEnd,
    priceMinor,
    currency: input.currency,
    warnings,
    refusals,
  };
}

/**
 * The agent's acknowledgement of a renewal of the same card in the last
 * RECENT_RENEWAL_MINUTES: required when there is one, by anyone, from any tab.
 */
export function checkRecentRenewal(recent: RecentRenewal | null, acknowledged: boolean): RenewalRefusal | null {
  if (!recent || acknowledged) return null;
  return { code: "recent_renewal_unacknowledged", ...recent };
}

/** Why a void (refund) is refused, as data; messages through `describeRefusal` like a renewal's. */
export type VoidRefusal =
  | { code: "already_voided" }
  | { code: "void_started" }
  | { code: "void_not_latest" }
  | { code: "refund_reference_required" }
  | { code: "refund_reference_format" }
  | { code: "refund_stored_value_currency" };

export interface VoidCheckInput {
  renewal: { status: RenewalStatus; startsAt: Date; isLatest: boolean };
  payment: { method: PaymentMethod; currency: Currency };
  /** How the money goes back: the payment's method unless chosen; a reference for electronic methods. */
  refund?: { method?: PaymentMethod | null; reference?: string | null };
}

export interface VoidCheck {
  refusals: VoidRefusal[];
  refund: { method: PaymentMethod; reference: string | null };
  /** The carrier activated it: the void asks the carrier to deactivate it. */
  deactivate: boolean;
}

/**
 * Whether a renewal may be voided now, and how its money goes back. A renewal
 * is voidable while its period has not started and it is the card's latest;
 * one the carrier never activated also after its period started (nothing was
 * delivered). The refund goes back by the payment's method unless another is
 * chosen; electronic refunds carry their own provider reference; a stored-value
 * refund credits the HKD balance, so only an HKD payment can take it.
 */
export function checkVoid(input: VoidCheckInput, now: Date): VoidCheck {
  const { renewal, payment } = input;
  const refusals: VoidRefusal[] = [];
  if (renewal.status === "voided") refusals.push({ code: "already_voided" });
  else if (!renewal.isLatest) refusals.push({ code: "void_not_latest" });
  else if (renewal.status === "activated" && renewal.startsAt.getTime() <= now.getTime())
    refusals.push({ code: "void_started" });

  const method = input.refund?.method ?? payment.method;
  const typed = input.refund?.reference ? normaliseReference(input.refund.reference) : "";
  let reference: string | null = null;
  if (methodsNeedingReference.includes(method)) {
    if (!typed) refusals.push({ code: "refund_reference_required" });
    else if (!isValidReference(typed)) refusals.push({ code: "refund_reference_format" });
    else reference = typed;
  }
  if (method === "stored_value" && payment.currency !== "HKD") refusals.push({ code: "refund_stored_value_currency" });
  return { refusals, refund: { method, reference }, deactivate: renewal.status === "activated" };
}

/** Whether the void form is offered at all (the refund choice is made in it). */
export function canVoid(renewal: { status: RenewalStatus; startsAt: Date; isLatest: boolean }, now: Date): boolean {
  return checkVoid({ renewal, payment: { method: "cash", currency: "HKD" } }, now).refusals.length === 0;
}
