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
  | { code: "reference_required" }
  | { code: "reference_used"; renewalId: number };

export interface RefusalMessage {
  /** A key of the "errors" catalog. */
  key: `renewal.${RenewalRefusal["code"] | VoidRefusal["code"]}`;
  params: Record<string, string | number>;
  /** The form field the refusal belongs to, if any. */
  field?: "planVersionId" | "smsMsisdn" | "method" | "currency" | "reference" | "refundMethod" | "refundReference";
}

/** The one mapping from a refusal to its message: the preview shows it, the confirm throws it, the void too. */
export function describeRefusal(refusal: RenewalRefusal | VoidRefusal): RefusalMessage {
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
    case "reference_required":
      return { key, params: {}, field: "reference" };
    case "reference_used":
      return { key, params: { renewalId: refusal.renewalId }, field: "reference" };
    case "refund_reference_required":
    case "refund_reference_format":
      return { key, params: {}, field: "refundReference" };
    case "refund_stored_value_currency":
      return { key, params: {}, field: "refundMethod" };
    default:
      return { key, params: {} };
  }
}

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
