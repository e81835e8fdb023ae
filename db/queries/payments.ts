import { and, eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { payments } from "@/db/schema";
import type { PaymentMethod } from "@/lib/domain/enums";
import { isValidReference, normaliseReference } from "@/lib/domain/payment-reference";
import {
  needsReference,
  referenceUsedRefusal,
  type EarlierPayment,
  type PaymentRefusal,
} from "@/lib/domain/payment-step";

/** A payment that already used this reference with this method, by any customer, for any purpose (compared normalised). */
export async function findPaymentByReference(
  method: PaymentMethod,
  reference: string,
  db: DbOrTx = defaultDb,
): Promise<EarlierPayment | null> {
  const [used] = await db
    .select({ paymentId: payments.id, purpose: payments.purpose, renewalId: payments.renewalId })
    .from(payments)
    .where(and(eq(payments.method, method), eq(payments.reference, normaliseReference(reference))))
    .limit(1);
  return used ?? null;
}

/**
 * The payment step of every purpose (renewal, top-up, replacement fee), in
 * one place: electronic methods need a reference, and a reference can be used
 * once per method. `reference` is what the payment row stores (null for cash
 * and stored value); the unique index on (method, reference) settles a race
 * between two writers that both passed this check.
 */
export async function checkPayment(
  input: { method: PaymentMethod; reference: string | null },
  db: DbOrTx = defaultDb,
): Promise<{ reference: string | null; refusals: PaymentRefusal[] }> {
  if (!needsReference(input.method)) return { reference: null, refusals: [] };
  // Compared, stored and checked by the database in one form: trim, no spaces or hyphens, upper-case.
  const reference = input.reference ? normaliseReference(input.reference) : null;
  if (!reference) return { reference: null, refusals: [{ code: "reference_required" }] };
  if (!isValidReference(reference)) return { reference: null, refusals: [{ code: "reference_format" }] };
  const used = await findPaymentByReference(input.method, reference, db);
  return { reference, refusals: used ? [referenceUsedRefusal(used)] : [] };
}
