import { db as defaultDb, type Db } from "@/db";
import { ForbiddenError } from "@/db/errors";
import { exportJobs } from "@/db/schema";
import type { ExportKind } from "@/lib/domain/enums";
import { may, type Role } from "@/lib/domain/permissions";
import type { DayRange } from "@/lib/domain/reports/range";
import { writeAudit } from "./_shared/audit";
import { claimIdempotencyKey, recordIdempotentResult, requestHash } from "./_shared/idempotency";

export const EXPORT_JOB_SCOPE = "export.create";

/**
 * Queues a background export for the worker, once per idempotency key (a
 * double click is one job), with its audit row. The caller has already
 * spent one request of the export rate limit and checked the range.
 */
export async function createExportJob(
  input: { idempotencyKey: string; kind: ExportKind; range: DayRange },
  actor: { id: number; role: Role },
  db: Db = defaultDb,
): Promise<{ jobId: number; replayed: boolean }> {
  if (!may.exportMoney(actor)) throw new ForbiddenError("forbidden");
  return db.transaction(async (tx) => {
    const replay = await claimIdempotencyKey(tx, {
      key: input.idempotencyKey,
      staffId: actor.id,
      scope: EXPORT_JOB_SCOPE,
      requestHash: requestHash([input.kind, input.range.from, input.range.to]),
    });
    if (replay) return { jobId: Number(replay.replayedResult), replayed: true };
    const [job] = await tx
      .insert(exportJobs)
      .values({ staffId: actor.id, kind: input.kind, fromDay: input.range.from, toDay: input.range.to })
      .returning({ id: exportJobs.id });
    await recordIdempotentResult(tx, input.idempotencyKey, job!.id);
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "export.create",
      entityType: "export_job",
      entityId: job!.id,
      after: { kind: input.kind, from: input.range.from, to: input.range.to },
    });
    return { jobId: job!.id, replayed: false };
  });
}
