import { eq } from "drizzle-orm";
import { NotFoundError } from "@/db/errors";
import type { Tx } from "@/db/client";
import { cards } from "@/db/schema";

/**
 * Locks one card row for a lifecycle change (suspend, lift, replace, new card).
 * It is the same row renewCard and voidRenewal lock first, so a suspension and
 * a renewal of one card run one after the other and the second sees the
 * first's outcome; no lifecycle change locks a second card before this one
 * (a replacement's new card does not exist yet), so they never deadlock.
 */
export async function lockCard(tx: Tx, cardId: number) {
  const [card] = await tx
    .select({
      id: cards.id,
      customerId: cards.customerId,
      iccid: cards.iccid,
      form: cards.form,
      validityEnd: cards.validityEnd,
      suspendedAt: cards.suspendedAt,
      suspensionReason: cards.suspensionReason,
      suspendedBy: cards.suspendedBy,
      replacedAt: cards.replacedAt,
      replacedByCardId: cards.replacedByCardId,
      storedValueHkdMinor: cards.storedValueHkdMinor,
    })
    .from(cards)
    .where(eq(cards.id, cardId))
    .for("update");
  if (!card) throw new NotFoundError("lifecycle.errors.card_not_found");
  return card;
}

export type LockedCard = Awaited<ReturnType<typeof lockCard>>;
