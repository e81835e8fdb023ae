import type { Db } from "@/db/client";
import { runExportJob } from "@/db/mutations/run-export-job";

/** Writes queued background exports one at a time until `signal` aborts. */
export async function runExportWorker(db: Db, options: { intervalMs?: number; signal?: AbortSignal } = {}) {
  const intervalMs = options.intervalMs ?? 1000;
  while (!options.signal?.aborted) {
    let busy = false;
    try {
      busy = await runExportJob(db, { signal: options.signal });
    } catch (error) {
      console.error(`[exports] round failed: ${error instanceof Error ? error.name : "error"}`);
    }
    if (!busy) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
