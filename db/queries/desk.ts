import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { cardNumbers, cards, customers, notifications, payments, staff, storedValueLedger } from "@/db/schema";

/** What the profile form edits, with the version it was opened at and who saved it last. */
export async function getCustomerProfile(customerId: number, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({
      id: customers.id,
      nameZh: customers.nameZh,
      nameEn: customers.nameEn,
      email: customers.email,
      contactPhone: customers.contactPhone,
      preferredLanguage: customers.preferredLanguage,
      lockVersion: customers.lockVersion,
      updatedAt: customers.updatedAt,
      updatedByName: staff.name,
    })
    .from(customers)
    .leftJoin(staff, eq(staff.id, customers.updatedBy))
    .where(eq(customers.id, customerId));
  if (!row) return null;
  const liveNumbers = await db
    .select({ msisdn: cardNumbers.msisdn, cardId: cardNumbers.cardId })
    .from(cardNumbers)
    .innerJoin(cards, eq(cards.id, cardNumbers.cardId))
    .where(and(eq(cards.customerId, customerId), isNull(cardNumbers.releasedAt)))
    .orderBy(asc(cardNumbers.cardId), asc(cardNumbers.region))
    .limit(50);
  return { ...row, liveNumbers };
}

export type CustomerProfile = NonNullable<Awaited<ReturnType<typeof getCustomerProfile>>>;

/** A card's live numbers with their real-name record (document type and last four only). */
export async function listRealNames(cardId: number, db: DbOrTx = defaultDb) {
  return db
    .select({
      id: cardNumbers.id,
      region: cardNumbers.region,
      msisdn: cardNumbers.msisdn,
      status: cardNumbers.realNameStatus,
      document: cardNumbers.realNameDocument,
      last4: cardNumbers.realNameDocumentLast4,
      deadline: cardNumbers.realNameDeadline,
      updatedAt: cardNumbers.realNameUpdatedAt,
    })
    .from(cardNumbers)
    .where(and(eq(cardNumbers.cardId, cardId), isNull(cardNumbers.releasedAt)))
    .orderBy(asc(cardNumbers.region));
}

export type RealNameRow = Awaited<ReturnType<typeof listRealNames>>[number];

/** The card's stored-value ledger, newest first. */
export async function listStoredValueLedger(cardId: number, db: DbOrTx = defaultDb) {
  return db
    .select({
      id: storedValueLedger.id,
      deltaMinor: storedValueLedger.deltaMinor,
      balanceAfterMinor: storedValueLedger.balanceAfterMinor,
      reason: storedValueLedger.reason,
      renewalId: storedValueLedger.renewalId,
      paymentId: storedValueLedger.paymentId,
      staffName: staff.name,
      createdAt: storedValueLedger.createdAt,
    })
    .from(storedValueLedger)
    .leftJoin(staff, eq(staff.id, storedValueLedger.staffId))
    .where(eq(storedValueLedger.cardId, cardId))
    .orderBy(desc(storedValueLedger.id))
    .limit(50);
}

/** A non-renewal payment (a top-up) with what its receipt shows. */
export async function getPaymentReceipt(paymentId: number, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({
      id: payments.id,
      purpose: payments.purpose,
      renewalId: payments.renewalId,
      method: payments.method,
      reference: payments.reference,
      amountMinor: payments.amountMinor,
      currency: payments.currency,
      receivedAt: payments.receivedAt,
      receivedByName: staff.name,
      cardId: cards.id,
      iccid: cards.iccid,
      customerId: cards.customerId,
      nameZh: customers.nameZh,
      nameEn: customers.nameEn,
      balanceAfterMinor: storedValueLedger.balanceAfterMinor,
    })
    .from(payments)
    .innerJoin(cards, eq(cards.id, payments.cardId))
    .innerJoin(customers, eq(customers.id, cards.customerId))
    .leftJoin(staff, eq(staff.id, payments.receivedBy))
    .leftJoin(storedValueLedger, eq(storedValueLedger.paymentId, payments.id))
    .where(eq(payments.id, paymentId));
  if (!row) return null;
  const messages = await db
    .select({
      id: notifications.id,
      status: notifications.status,
      toMsisdn: notifications.toMsisdn,
      body: notifications.body,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.dedupeKey, `top_up:${paymentId}`));
  return { ...row, messages };
}
