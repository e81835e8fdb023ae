import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { CarrierGateway, CarrierResult } from "@/lib/carrier/gateway";
import { backoffSeconds } from "@/lib/domain/retry";
import { carrierOutcomeHandlers, type ClaimedCarrierRequest } from "@/db/mutations/_shared/carrier-outcomes";

export interface CarrierAttemptOptions {
  /** How long a claimed request is ours before another worker may take it over (the carrier dedupes a repeat). */
  lockSeconds?: number;
  /** After this many attempts the worker stops retrying; a person can still retry from the queue. */
  maxAttempts?: number;
}

export const DEFAULT_CARRIER_MAX_ATTEMPTS = 10;

export type CarrierAttemptOutcome =
  | { id: number; outcome: "succeeded"; reference: string }
  | { id: number; outcome: "retrying" | "failed"; error: string };

/**
 * Claims pending requests for one attempt each (SKIP LOCKED: a request being
 * performed elsewhere is skipped, never performed twice at once). `ids` claims
 * those requests whatever their backoff (a person pressed Retry, or the action
 * performs what it just queued); without ids, the due ones, oldest first.
 */
export async function claimCarrierRequests(
  db: Db,
  filter: { ids: number[] } | { due: true; batchSize: number },
  lockSeconds: number,
): Promise<ClaimedCarrierRequest[]> {
  if ("ids" in filter && filter.ids.length === 0) return [];
  const which =
    "ids" in filter
      ? sql`q.id in (${sql.join(
          filter.ids.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql`q.next_attempt_at <= now()`;
  const limit = "ids" in filter ? filter.ids.length : filter.batchSize;
  const rows = await db.execute<{
    id: number;
    kind: ClaimedCarrierRequest["kind"];
    card_id: number;
    renewal_id: number | null;
    payload: Record<string, unknown>;
    dedupe_key: string;
    attempts: number;
    iccid: string;
  }>(sql`
    update carrier_requests r
    set locked_until = now() + make_interval(secs => ${lockSeconds}), attempts = r.attempts + 1
    from cards c
    where c.id = r.card_id and r.id in (
      select q.id from carrier_requests q
      where q.status = 'pending' and (q.locked_until is null or q.locked_until < now()) and ${which}
      order by q.next_attempt_at, q.id
      limit ${limit}
      for update of q skip locked
    )
    returning r.id, r.kind, r.card_id, r.renewal_id, r.payload, r.dedupe_key, r.attempts, c.iccid`);
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    cardId: Number(row.card_id),
    renewalId: row.renewal_id === null ? null : Number(row.renewal_id),
    payload: row.payload,
    dedupeKey: row.dedupe_key,
    attempts: Number(row.attempts),
    cardIccid: row.iccid,
  }));
}

/**
 * One attempt of a claimed request: the carrier call first, outside any
 * transaction, then one transaction that records the outcome on the request
 * (succeeded; or the error and the next attempt after backoff; or failed once
 * attempts run out) together with what the outcome means for the domain
 * (`carrierOutcomeHandlers`) and its audit row.
 */
export async function attemptCarrierRequest(
  db: Db,
  gateway: CarrierGateway,
  request: ClaimedCarrierRequest,
  actorStaffId: number | null,
  options: CarrierAttemptOptions = {},
): Promise<CarrierAttemptOutcome> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_CARRIER_MAX_ATTEMPTS;
  let result: CarrierResult;
  try {
    result = await gateway.perform({
      kind: request.kind,
      cardIccid: request.cardIccid,
      renewalId: request.renewalId,
      payload: request.payload,
      idempotencyKey: request.dedupeKey,
    });
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : "carrier error" };
  }
  const handler = carrierOutcomeHandlers[request.kind];
  const context = { request, actorStaffId };

  return db.transaction(async (tx) => {
    if (result.ok) {
      // A request cancelled meanwhile (its renewal voided) still records what the carrier did.
      await tx.execute(sql`
        update carrier_requests
        set status = 'succeeded', carrier_reference = ${result.reference}, completed_at = now(), locked_until = null, last_error = null
        where id = ${request.id}`);
      await handler.succeeded({ ...context, tx }, result.reference);
      return { id: request.id, outcome: "succeeded", reference: result.reference };
    }
    // Only the carrier's short message is kept; staff see it on the queue and the receipt.
    const error = result.error.slice(0, 200);
    const final = request.attempts >= maxAttempts;
    const updated = await tx.execute<{ id: number }>(sql`
      update carrier_requests
      set last_error = ${error}, locked_until = null,
        status = case when ${final} then 'failed'::carrier_request_status else status end,
        completed_at = case when ${final} then now() else null end,
        next_attempt_at = now() + make_interval(secs => ${backoffSeconds(request.attempts)})
      where id = ${request.id} and status = 'pending'
      returning id`);
    if (updated.length > 0) await handler.failed({ ...context, tx }, error, final);
    return { id: request.id, outcome: final ? "failed" : "retrying", error };
  });
}
