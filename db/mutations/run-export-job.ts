import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { countExportRows, streamExportCsv } from "@/db/queries/exports";
import { exportJobChunks, exportJobs } from "@/db/schema";
import type { ExportKind } from "@/lib/domain/enums";
import { addDays, hkStartOfDay } from "@/lib/domain/time";

/** About this much CSV per stored chunk. */
const CHUNK_CHARS = 1024 * 1024;
/** A running job not heard from in this long lost its worker: another one starts it again. */
const STALE_MS = 5 * 60_000;

/**
 * Claims the oldest queued export (or one whose worker died) and writes it:
 * the rows counted first, then the CSV in ordered chunks with the progress
 * after each, every step its own short statement (no transaction is held open
 * for the length of a three-year export). Returns whether it did any work.
 */
export async function runExportJob(db: Db, options: { now?: () => Date; signal?: AbortSignal } = {}): Promise<boolean> {
  const now = options.now?.() ?? new Date();
  const job = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: exportJobs.id, kind: exportJobs.kind, fromDay: exportJobs.fromDay, toDay: exportJobs.toDay })
      .from(exportJobs)
      .where(
        or(
          eq(exportJobs.status, "queued"),
          and(eq(exportJobs.status, "running"), lt(exportJobs.claimedAt, new Date(now.getTime() - STALE_MS))),
        ),
      )
      .orderBy(exportJobs.id)
      .limit(1)
      .for("update", { skipLocked: true });
    if (!found) return null;
    // A reclaimed job starts over: whatever its dead worker wrote goes.
    await tx.delete(exportJobChunks).where(eq(exportJobChunks.jobId, found.id));
    await tx
      .update(exportJobs)
      .set({ status: "running", claimedAt: now, rowsDone: 0, bytes: 0 })
      .where(eq(exportJobs.id, found.id));
    return found;
  });
  if (!job) return false;
  const range = { from: hkStartOfDay(job.fromDay), to: hkStartOfDay(addDays(job.toDay, 1)) };
  const kind = job.kind as ExportKind;
  try {
    await db
      .update(exportJobs)
      .set({ rowsTotal: await countExportRows(kind, range, db) })
      .where(eq(exportJobs.id, job.id));
    let seq = 0;
    let buffer = "";
    let rows = 0;
    let bytes = 0;
    const flush = async () => {
      await db.insert(exportJobChunks).values({ jobId: job.id, seq: seq++, data: buffer });
      bytes += Buffer.byteLength(buffer);
      buffer = "";
      await db
        .update(exportJobs)
        .set({ rowsDone: rows, bytes, claimedAt: sql`now()` })
        .where(eq(exportJobs.id, job.id));
    };
    let header = true;
    for await (const text of streamExportCsv(kind, range, db)) {
      if (options.signal?.aborted) return true;
      buffer += text;
      if (header) header = false;
      else rows += text.split("\r\n").length - 1;
      if (buffer.length >= CHUNK_CHARS) await flush();
    }
    await flush();
    await db
      .update(exportJobs)
      .set({ status: "done", finishedAt: sql`now()` })
      .where(eq(exportJobs.id, job.id));
  } catch (error) {
    console.error(`[exports] job ${job.id} failed: ${error instanceof Error ? error.name : "error"}`);
    await db
      .update(exportJobs)
      .set({ status: "failed", error: "export failed", finishedAt: sql`now()` })
      .where(eq(exportJobs.id, job.id));
  }
  return true;
}
