import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checkGoodwill, type GoodwillRules } from "@/db/queries/goodwill";
import { cards, goodwillExtensions } from "@/db/schema";
import type { GoodwillReason } from "@/lib/domain/enums";
import type { GoodwillRefusal } from "@/lib/domain/goodwill";
import { writeAudit, type AuditContext } from "./audit";
import { enqueueNotification } from "./enqueue-notification";

export interface GoodwillGrant {
  cardId: number;
  days: number;
  reasonCode: GoodwillReason;
  reason: string;
  /** The bulk job this grant belongs to; the unique (job, card) index makes a second grant impossible. */
  jobId: number | null;
  context?: AuditContext;
}

export type GoodwillOutcome =
  | { ok: true; extensionId: number; previousValidityEnd: Date; newValidityEnd: Date }
  | { ok: false; refusals: GoodwillRefusal[] };

/**
 * One card's goodwill extension, inside the caller's transaction: the card row
 * locked, every rule re-checked against it, the extension row, the new end,
 * the customer's SMS (in their language) and the audit row. No data is added
 * and no money moves, so neither the payments nor the revenue rollup change.
 * Shared by the single grant and each item of a bulk job.
 */
export async function extendCardGoodwill(
  tx: Tx,
  grant: GoodwillGrant,
  actor: { id: number },
  rules: GoodwillRules,
): Promise<GoodwillOutcome> {
  const check = await checkGoodwill({ cardId: grant.cardId, days: grant.days }, rules, { lock: true }, tx);
  if (!check.accepted) return { ok: false, refusals: check.refusals };
  const { card, quote, smsMsisdn } = check.accepted;
  const [extension] = await tx
    .insert(goodwillExtensions)
    .values({
      cardId: card.id,
      days: grant.days,
      reasonCode: grant.reasonCode,
      reason: grant.reason,
      previousValidityEnd: quote.previousValidityEnd,
      newValidityEnd: quote.newValidityEnd,
      jobId: grant.jobId,
      grantedBy: actor.id,
      createdAt: rules.now,
    })
    .returning({ id: goodwillExtensions.id });
  const extensionId = extension!.id;
  await tx
    .update(cards)
    .set({ validityEnd: quote.newValidityEnd, updatedAt: sql`now()` })
    .where(eq(cards.id, card.id));
  if (smsMsisdn) {
    await enqueueNotification(tx, {
      kind: "goodwill_extension",
      cardId: card.id,
      toMsisdn: smsMsisdn,
      language: card.language,
      message: { kind: "goodwill_extension", days: grant.days, validityEnd: quote.newValidityEnd },
      dedupeKey: `goodwill:${extensionId}`,
      createdBy: actor.id,
    });
  }
  await writeAudit(tx, {
    actorStaffId: actor.id,
    action: "card.goodwill",
    entityType: "card",
    entityId: card.id,
    customerId: card.customerId,
    before: { validityEnd: quote.previousValidityEnd },
    after: {
      extensionId,
      validityEnd: quote.newValidityEnd,
      days: grant.days,
      reasonCode: grant.reasonCode,
      jobId: grant.jobId,
    },
    context: { ...grant.context, reason: grant.reason },
  });
  return {
    ok: true,
    extensionId,
    previousValidityEnd: quote.previousValidityEnd,
    newValidityEnd: quote.newValidityEnd,
  };
}
