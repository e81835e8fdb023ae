import type { Db } from "@/db/client";
import { processGoodwillJobItems, type GoodwillWorkerRules } from "@/db/mutations/process-goodwill-job-items";

/** Works through bulk goodwill jobs until `signal` aborts; a round that fails is logged and retried. */
export async function runGoodwillWorker(
  db: Db,
  rules: GoodwillWorkerRules,
  options: { intervalMs?: number; signal?: AbortSignal } = {},
) {
  const intervalMs = options.intervalMs ?? 1000;
  while (!options.signal?.aborted) {
    let busy = false;
    try {
      busy = (await processGoodwillJobItems(db, rules, { limit: 50, signal: options.signal })) > 0;
    } catch (error) {
      console.error(`[goodwill] round failed: ${error instanceof Error ? error.name : "error"}`);
    }
    if (!busy) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
