import { payments } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { pgConstraint, pgErrorCode, pgErrorCodes } from "@/db/errors";
import { findPaymentByReference } from "@/db/queries/payments";
import type { Currency, PaymentMethod, PaymentPurpose } from "@/lib/domain/enums";
import { referenceUsedRefusal, type PaymentRefusal } from "@/lib/domain/payment-step";
import { assertCashDrawerOpen } from "./cash-drawer-guard";

export interface PaymentRecord {
  purpose: PaymentPurpose;
  cardId: number;
  /** Only (and always) for purpose "renewal". */
  renewalId: number | null;
  method: PaymentMethod;
  /** As checkPayment returned it: null for cash and stored value. */
  reference: string | null;
  amountMinor: number;
  currency: Currency;
  receivedAt: Date;
  receivedBy: number;
}

/** Writes the payment row in the caller's transaction, after checkPayment accepted its method and reference; cash only while the receiver's drawer for the day is open. */
export async function recordPayment(tx: Tx, payment: PaymentRecord): Promise<number> {
  await assertCashDrawerOpen(tx, {
    method: payment.method,
    staffId: payment.receivedBy,
    currency: payment.currency,
    at: payment.receivedAt,
  });
  const [row] = await tx.insert(payments).values(payment).returning({ id: payments.id });
  return row!.id;
}

/**
 * Two writers that both passed checkPayment with one reference: the unique
 * index lets one commit and fails the other, which is then told which payment
 * won. Null when the error is anything else (rethrow it).
 */
export async function lostReferenceRace(
  error: unknown,
  payment: { method: PaymentMethod; reference: string | null },
  db: Db,
): Promise<PaymentRefusal | null> {
  if (
    !payment.reference ||
    pgErrorCode(error) !== pgErrorCodes.uniqueViolation ||
    pgConstraint(error) !== "payments_method_reference_key"
  ) {
    return null;
  }
  const used = await findPaymentByReference(payment.method, payment.reference, db);
  return used ? referenceUsedRefusal(used) : null;
}
