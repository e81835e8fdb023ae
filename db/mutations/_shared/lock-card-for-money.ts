import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { NotFoundError } from "@/db/errors";
import { cardNumbers, cards, customers } from "@/db/schema";

/**
 * Locks a card for a stored-value change (top-up or correction) and reads what
 * the change and its SMS need. The card row is the one lock, the same one a
 * renewal paying from stored value takes, so balances never race.
 */
export async function lockCardForMoney(tx: Tx, cardId: number) {
  const [card] = await tx
    .select({
      id: cards.id,
      customerId: cards.customerId,
      validityEnd: cards.validityEnd,
      suspendedAt: cards.suspendedAt,
      storedValueHkdMinor: cards.storedValueHkdMinor,
      language: customers.preferredLanguage,
    })
    .from(cards)
    .innerJoin(customers, eq(customers.id, cards.customerId))
    .where(eq(cards.id, cardId))
    .for("update", { of: cards });
  if (!card) throw new NotFoundError("renewal.card_not_found");
  const [number] = await tx
    .select({ msisdn: cardNumbers.msisdn })
    .from(cardNumbers)
    .where(and(eq(cardNumbers.cardId, cardId), isNull(cardNumbers.releasedAt)))
    .orderBy(desc(sql`${cardNumbers.region} = 'HK'`), asc(cardNumbers.id))
    .limit(1);
  return { ...card, smsMsisdn: number?.msisdn ?? null };
}
