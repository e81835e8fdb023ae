import { and, desc, eq, ne } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { planVersions, renewals } from "../schema";

/** Read on the card-history index (card_id, created_at desc, id desc). The plan of a card's newest renewal still standing ("renew with the same plan"), or null. */
export async function getLastRenewedPlanId(cardId: number, db: DbOrTx = defaultDb): Promise<number | null> {
  const [row] = await db
    .select({ planId: planVersions.planId })
    .from(renewals)
    .innerJoin(planVersions, eq(planVersions.id, renewals.planVersionId))
    .where(and(eq(renewals.cardId, cardId), ne(renewals.status, "voided")))
    .orderBy(desc(renewals.createdAt), desc(renewals.id))
    .limit(1);
  return row?.planId ?? null;
}
