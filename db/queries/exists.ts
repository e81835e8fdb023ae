import { and, eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { cards, customers, plans, renewals, staff } from "../schema";

/*
 * Primary-key existence checks for route layouts. A layout runs outside its
 * own segment's loading.tsx, so a 404 decided there keeps its status even
 * though the page below streams behind a skeleton.
 */

export async function customerExists(customerId: number, db: DbOrTx = defaultDb): Promise<boolean> {
  return (
    (await db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).limit(1)).length > 0
  );
}

export async function cardExists(customerId: number, cardId: number, db: DbOrTx = defaultDb): Promise<boolean> {
  const rows = await db
    .select({ id: cards.id })
    .from(cards)
    .where(and(eq(cards.id, cardId), eq(cards.customerId, customerId)))
    .limit(1);
  return rows.length > 0;
}

export async function renewalExists(renewalId: number, db: DbOrTx = defaultDb): Promise<boolean> {
  return (await db.select({ id: renewals.id }).from(renewals).where(eq(renewals.id, renewalId)).limit(1)).length > 0;
}

export async function planExists(planId: number, db: DbOrTx = defaultDb): Promise<boolean> {
  return (await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).limit(1)).length > 0;
}

export async function staffMemberExists(staffId: number, db: DbOrTx = defaultDb): Promise<boolean> {
  return (await db.select({ id: staff.id }).from(staff).where(eq(staff.id, staffId)).limit(1)).length > 0;
}
