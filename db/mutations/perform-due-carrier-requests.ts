import type { Db } from "@/db/client";
import type { CarrierGateway } from "@/lib/carrier/gateway";
import {
  attemptCarrierRequest,
  claimCarrierRequests,
  type CarrierAttemptOptions,
} from "@/db/mutations/_shared/carrier-attempt";

export interface CarrierRoundCounts {
  succeeded: number;
  retried: number;
  failed: number;
}

/**
 * One round of the carrier worker: claims the due requests (SKIP LOCKED, so
 * any number of workers can run), performs each, and records the outcome:
 * succeeded, a retry after backoff (lib/domain/retry.ts), or failed once
 * `maxAttempts` ran out (a person can still retry it from the queue).
 */
export async function performDueCarrierRequests(
  db: Db,
  gateway: CarrierGateway,
  options: CarrierAttemptOptions & { batchSize?: number } = {},
): Promise<CarrierRoundCounts> {
  const claimed = await claimCarrierRequests(
    db,
    { due: true, batchSize: options.batchSize ?? 10 },
    options.lockSeconds ?? 60,
  );
  const counts: CarrierRoundCounts = { succeeded: 0, retried: 0, failed: 0 };
  for (const request of claimed) {
    const result = await attemptCarrierRequest(db, gateway, request, null, options);
    if (result.outcome === "succeeded") counts.succeeded++;
    else if (result.outcome === "retrying") counts.retried++;
    else counts.failed++;
  }
  return counts;
}
