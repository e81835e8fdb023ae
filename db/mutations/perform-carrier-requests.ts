import { db as defaultDb, type Db } from "@/db";
import type { CarrierGateway } from "@/lib/carrier/gateway";
import {
  attemptCarrierRequest,
  claimCarrierRequests,
  type CarrierAttemptOutcome,
  type CarrierAttemptOptions,
} from "@/db/mutations/_shared/carrier-attempt";

/**
 * Performs these pending requests now, whatever their backoff: the action
 * calls it right after the commit that queued them, so the agent sees the
 * carrier's answer. A request another worker holds at this moment is skipped
 * (it is being performed); one already done is skipped too.
 */
export async function performCarrierRequests(
  ids: number[],
  actor: { id: number } | null,
  gateway: CarrierGateway,
  db: Db = defaultDb,
  options: CarrierAttemptOptions = {},
): Promise<CarrierAttemptOutcome[]> {
  const claimed = await claimCarrierRequests(db, { ids }, options.lockSeconds ?? 60);
  const outcomes: CarrierAttemptOutcome[] = [];
  for (const request of claimed)
    outcomes.push(await attemptCarrierRequest(db, gateway, request, actor?.id ?? null, options));
  return outcomes;
}
