import { eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { customers } from "../schema";

/** A customer's own details; the identity document only ever as its last four characters. */
export async function getCustomer(customerId: number, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({
      id: customers.id,
      nameZh: customers.nameZh,
      nameEn: customers.nameEn,
      email: customers.email,
      contactPhone: customers.contactPhone,
      preferredLanguage: customers.preferredLanguage,
      idDocumentType: customers.idDocumentType,
      idDocumentLast4: customers.idDocumentLast4,
      notes: customers.notes,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  return row ?? null;
}

export type Customer = NonNullable<Awaited<ReturnType<typeof getCustomer>>>;
