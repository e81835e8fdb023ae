import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ForbiddenError, PreconditionError } from "@/db/errors";
import { goodwillJobs } from "@/db/schema";
import type { GoodwillReason } from "@/lib/domain/enums";
import { GOODWILL_MAX_DAYS, GOODWILL_MIN_DAYS } from "@/lib/domain/goodwill";
import { may, type Role } from "@/lib/domain/permissions";
import { writeAudit, type AuditContext } from "./_shared/audit";

/** Which cards an outage extension covers: the ones ticked, or every active card at confirm. */
export type GoodwillSelection = { cardIds: number[] } | { allActive: true };

export interface CreateGoodwillJobInput {
  /** The confirm's idempotency key: a double submit finds the same job. */
  key: string;
  selection: GoodwillSelection;
  days: number;
  reasonCode: GoodwillReason;
  reason: string;
  context?: AuditContext;
}

export const GOODWILL_JOB_MAX_CARDS = 5000;

/**
 * Creates a bulk goodwill job: the job row and one pending item per selected
 * card, in one transaction with its audit row. Nothing is extended here; the
 * worker (processGoodwillJobItems) does each card in its own transaction.
 */
export async function createGoodwillJob(
  input: CreateGoodwillJobInput,
  actor: { id: number; role: Role },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<{ jobId: number; created: boolean }> {
  if (!may.grantGoodwill(actor)) throw new ForbiddenError("forbidden");
  const reason = input.reason.trim();
  if (!reason) throw new PreconditionError("desk.errors.reasonRequired", {}, "reason");
  if (!Number.isInteger(input.days) || input.days < GOODWILL_MIN_DAYS || input.days > GOODWILL_MAX_DAYS) {
    throw new PreconditionError(
      "desk.goodwill.errors.days_out_of_range",
      { min: GOODWILL_MIN_DAYS, max: GOODWILL_MAX_DAYS },
      "days",
    );
  }
  const now = options.now?.() ?? new Date();
  return db.transaction(async (tx) => {
    const [job] = await tx
      .insert(goodwillJobs)
      .values({
        key: input.key,
        days: input.days,
        reasonCode: input.reasonCode,
        reason,
        ticketRef: input.context?.ticketRef?.trim() || null,
        total: 0,
        createdBy: actor.id,
        createdAt: now,
      })
      .onConflictDoNothing({ target: goodwillJobs.key })
      .returning({ id: goodwillJobs.id });
    if (!job) {
      const [existing] = await tx
        .select({ id: goodwillJobs.id })
        .from(goodwillJobs)
        .where(eq(goodwillJobs.key, input.key));
      return { jobId: existing!.id, created: false };
    }
    const chosen =
      "cardIds" in input.selection
        ? sql`c.id = any(${`{${input.selection.cardIds.slice(0, GOODWILL_JOB_MAX_CARDS).map(Math.trunc).join(",")}}`}::int[])`
        : sql`c.suspended_at is null and c.validity_end > ${now.toISOString()}::timestamptz`;
    const items = await tx.execute<{ card_id: number }>(sql`
      insert into goodwill_job_items (job_id, card_id)
      select ${job.id}, c.id from cards c where ${chosen}
      on conflict do nothing
      returning card_id`);
    if (items.length === 0) throw new PreconditionError("desk.goodwill.errors.no_cards");
    await tx.update(goodwillJobs).set({ total: items.length }).where(eq(goodwillJobs.id, job.id));
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "goodwill.bulk",
      entityType: "goodwill_job",
      entityId: job.id,
      after: { days: input.days, reasonCode: input.reasonCode, cards: items.length },
      context: { ...input.context, reason },
    });
    return { jobId: job.id, created: true };
  });
}
