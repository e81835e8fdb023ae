import { db as defaultDb, type Db } from "@/db";
import { ForbiddenError, NotFoundError, PreconditionError, type DomainError } from "@/db/errors";
import type { GoodwillReason } from "@/lib/domain/enums";
import { describeGoodwillRefusal, type GoodwillRefusal } from "@/lib/domain/goodwill";
import { may, type Role } from "@/lib/domain/permissions";
import type { AuditContext } from "./_shared/audit";
import { extendCardGoodwill } from "./_shared/extend-card-goodwill";
import { claimIdempotencyKey, recordIdempotentResult, requestHash } from "./_shared/idempotency";

export interface GrantGoodwillInput {
  idempotencyKey: string;
  cardId: number;
  days: number;
  reasonCode: GoodwillReason;
  /** Required: the code's words or, for "other", the supervisor's note. */
  reason: string;
  context?: AuditContext;
}

export const GOODWILL_SCOPE = "card.goodwill";

export function goodwillRefusalError(refusal: GoodwillRefusal): DomainError {
  const { key, params, field } = describeGoodwillRefusal(refusal);
  if (refusal.code === "card_not_found") return new NotFoundError(key, params, field);
  return new PreconditionError(key, params, field);
}

/**
 * Grants one card a goodwill extension (supervisors only, checked here as well
 * as at the action), exactly once per idempotency key. Everything that
 * commits is in extendCardGoodwill: extension, new end, SMS, audit.
 */
export async function grantGoodwill(
  input: GrantGoodwillInput,
  actor: { id: number; role: Role },
  rules: { graceDays: number; capYears: number; now?: () => Date },
  db: Db = defaultDb,
): Promise<{ extensionId: number; replayed: boolean }> {
  if (!may.grantGoodwill(actor)) throw new ForbiddenError("forbidden");
  const reason = input.reason.trim();
  if (!reason) throw new PreconditionError("desk.errors.reasonRequired", {}, "reason");
  return db.transaction(async (tx) => {
    const replay = await claimIdempotencyKey(tx, {
      key: input.idempotencyKey,
      staffId: actor.id,
      scope: GOODWILL_SCOPE,
      requestHash: requestHash([input.cardId, input.days, input.reasonCode, reason]),
    });
    if (replay) return { extensionId: Number(replay.replayedResult), replayed: true };
    const now = rules.now?.() ?? new Date();
    const outcome = await extendCardGoodwill(
      tx,
      {
        cardId: input.cardId,
        days: input.days,
        reasonCode: input.reasonCode,
        reason,
        jobId: null,
        context: input.context,
      },
      actor,
      { graceDays: rules.graceDays, capYears: rules.capYears, now },
    );
    if (!outcome.ok) throw goodwillRefusalError(outcome.refusals[0]!);
    await recordIdempotentResult(tx, input.idempotencyKey, outcome.extensionId);
    return { extensionId: outcome.extensionId, replayed: false };
  });
}
