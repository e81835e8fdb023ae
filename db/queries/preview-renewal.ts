import { and, eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import { methodsNeedingReference, quoteRenewal, type Refusal, type RenewalQuote } from "@/lib/renewal/rules";
import type { RenewalRequest } from "@/lib/validation/renewal";
import { NotFoundError, PreconditionError } from "../errors";
import { cards, payments } from "../schema";
import { getSellablePlanVersion, type SellablePlan } from "./sellable-plans";

export type PreviewRefusal = Refusal | { code: "reference_used"; renewalId: number } | { code: "reference_required" };

/**
 * The preview the agent reads to the customer: the same rules the confirm
 * re-runs against the locked row, computed here without writing anything.
 */
export async function previewRenewal(
  input: RenewalRequest,
  rules: { graceDays: number; capDays: number; now?: Date },
  db: DbOrTx = defaultDb,
): Promise<{ quote: RenewalQuote; plan: SellablePlan; refusals: PreviewRefusal[] }> {
  const [[card], plan] = await Promise.all([
    db
      .select({
        validityEnd: cards.validityEnd,
        suspendedAt: cards.suspendedAt,
        storedValueHkdMinor: cards.storedValueHkdMinor,
      })
      .from(cards)
      .where(eq(cards.id, input.cardId))
      .limit(1),
    getSellablePlanVersion(input.planVersionId, db),
  ]);
  if (!card) throw new NotFoundError("renewal.card_not_found");
  if (!plan) throw new PreconditionError("renewal.plan_not_sellable", {}, "planVersionId");
  const quote = quoteRenewal({
    now: rules.now ?? new Date(),
    card,
    plan,
    method: input.method,
    currency: input.currency,
    graceDays: rules.graceDays,
    capDays: rules.capDays,
  });
  const refusals: PreviewRefusal[] = [...quote.refusals];
  if (methodsNeedingReference.includes(input.method)) {
    if (!input.reference) refusals.push({ code: "reference_required" });
    else {
      const [used] = await db
        .select({ renewalId: payments.renewalId })
        .from(payments)
        .where(and(eq(payments.method, input.method), eq(payments.reference, input.reference)))
        .limit(1);
      if (used) refusals.push({ code: "reference_used", renewalId: used.renewalId });
    }
  }
  return { quote, plan, refusals };
}
