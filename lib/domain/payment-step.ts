import { methodsNeedingReference, type PaymentMethod, type PaymentPurpose } from "@/lib/domain/enums";

/**
 * The payment step every purpose shares (a renewal, a stored-value top-up, a
 * replacement fee): an electronic method needs the provider's reference, and
 * a reference can be used once per method, across all customers and purposes.
 * The database query behind it is db/queries/payments.ts `checkPayment`.
 */
export type PaymentRefusal =
  | { code: "reference_required" }
  | { code: "reference_format" }
  | { code: "reference_used"; renewalId: number }
  | { code: "reference_used_other"; paymentId: number; purpose: Exclude<PaymentPurpose, "renewal"> };

/** The payment that already holds a reference with a method. */
export interface EarlierPayment {
  paymentId: number;
  purpose: PaymentPurpose;
  renewalId: number | null;
}

export function needsReference(method: PaymentMethod): boolean {
  return methodsNeedingReference.includes(method);
}

/** The refusal naming the payment that already used a reference: its renewal when it paid for one. */
export function referenceUsedRefusal(earlier: EarlierPayment): PaymentRefusal {
  return earlier.purpose === "renewal" && earlier.renewalId !== null
    ? { code: "reference_used", renewalId: earlier.renewalId }
    : {
        code: "reference_used_other",
        paymentId: earlier.paymentId,
        purpose: earlier.purpose === "renewal" ? "top_up" : earlier.purpose,
      };
}

export interface PaymentRefusalMessage {
  /** A key of the "errors" catalog. */
  key: `renewal.${PaymentRefusal["code"]}`;
  params: Record<string, string | number>;
  field: "reference";
}

/** The one mapping from a payment refusal to its message, for every purpose. */
export function describePaymentRefusal(refusal: PaymentRefusal): PaymentRefusalMessage {
  const key = `renewal.${refusal.code}` as const;
  switch (refusal.code) {
    case "reference_used":
      return { key, params: { renewalId: refusal.renewalId }, field: "reference" };
    case "reference_used_other":
      return { key, params: { paymentId: refusal.paymentId, purpose: refusal.purpose }, field: "reference" };
    default:
      return { key, params: {}, field: "reference" };
  }
}

export function isPaymentRefusal(refusal: { code: string }): refusal is PaymentRefusal {
  return (
    refusal.code === "reference_required" ||
    refusal.code === "reference_format" ||
    refusal.code === "reference_used" ||
    refusal.code === "reference_used_other"
  );
}
