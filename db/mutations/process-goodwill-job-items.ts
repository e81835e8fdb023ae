import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { goodwillJobItems, goodwillJobs } from "@/db/schema";
import { extendCardGoodwill } from "./_shared/extend-card-goodwill";

export interface GoodwillWorkerRules {
  graceDays: number;
  capYears: number;
  now?: () => Date;
}

/**
 * Works through pending bulk-goodwill items, one card per transaction: the
 * item row is claimed (SKIP LOCKED, so several workers share the work), the
 * card extended or skipped with the refusal's code, and the item marked, all
 * committed together. A worker killed mid-item rolls that item back and it
 * stays pending; the unique (job, card) index on goodwill_extensions makes a
 * second extension of one card by one job impossible even so. Returns how many
 * items it settled; stops after `limit` or when `signal` aborts.
 */
export async function processGoodwillJobItems(
  db: Db,
  rules: GoodwillWorkerRules,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const limit = options.limit ?? 50;
  let settled = 0;
  while (settled < limit && !options.signal?.aborted) {
    const done = await db.transaction(async (tx) => {
      const [item] = await tx
        .select({
          jobId: goodwillJobItems.jobId,
          cardId: goodwillJobItems.cardId,
          days: goodwillJobs.days,
          reasonCode: goodwillJobs.reasonCode,
          reason: goodwillJobs.reason,
          ticketRef: goodwillJobs.ticketRef,
          createdBy: goodwillJobs.createdBy,
        })
        .from(goodwillJobItems)
        .innerJoin(goodwillJobs, eq(goodwillJobs.id, goodwillJobItems.jobId))
        .where(and(eq(goodwillJobItems.status, "pending"), eq(goodwillJobs.status, "running")))
        .orderBy(goodwillJobItems.jobId, goodwillJobItems.cardId)
        .limit(1)
        .for("update", { of: goodwillJobItems, skipLocked: true });
      if (!item) return false;
      const now = rules.now?.() ?? new Date();
      const outcome = await extendCardGoodwill(
        tx,
        {
          cardId: item.cardId,
          days: item.days,
          reasonCode: item.reasonCode,
          reason: item.reason,
          jobId: item.jobId,
          context: { ticketRef: item.ticketRef },
        },
        { id: item.createdBy },
        { graceDays: rules.graceDays, capYears: rules.capYears, now },
      );
      await tx
        .update(goodwillJobItems)
        .set(
          outcome.ok
            ? { status: "extended", processedAt: now }
            : { status: "skipped", skipReason: outcome.refusals[0]!.code, processedAt: now },
        )
        .where(and(eq(goodwillJobItems.jobId, item.jobId), eq(goodwillJobItems.cardId, item.cardId)));
      return true;
    });
    if (!done) break;
    settled++;
  }
  await db.execute(sql`
    update goodwill_jobs j set status = 'done', finished_at = now()
    where j.status = 'running'
      and not exists (select 1 from goodwill_job_items i where i.job_id = j.id and i.status = 'pending')`);
  return settled;
}
