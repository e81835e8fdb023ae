import { sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import type { CarrierGateway } from "@/lib/carrier/gateway";
import type { CarrierAttemptOutcome } from "@/db/mutations/_shared/carrier-attempt";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";

/**
 * A person's Retry, for one request or many: re-arms each one still worth
 * retrying (pending, or failed after its automatic retries ran out; never an
 * activation whose renewal is no longer paid) with an audit row, commits,
 * then performs them at once. Returns the outcome of each one performed.
 */
export async function retryCarrierRequests(
  ids: number[],
  actor: { id: number },
  gateway: CarrierGateway,
  db: Db = defaultDb,
): Promise<CarrierAttemptOutcome[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rearmed = await db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: number; status: string; attempts: number }>(sql`
      update carrier_requests q
      set status = 'pending', completed_at = null, next_attempt_at = now()
      where q.id in (${sql.join(
        unique.map((id) => sql`${id}`),
        sql`, `,
      )})
        and q.status in ('pending', 'failed')
        and (q.kind <> 'activate' or exists (select 1 from renewals r where r.id = q.renewal_id and r.status = 'paid'))
      returning q.id, q.attempts`);
    for (const row of rows) {
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "carrier_request.retry",
        entityType: "carrier_request",
        entityId: Number(row.id),
        after: { attemptsSoFar: Number(row.attempts) },
      });
    }
    return rows.map((row) => Number(row.id));
  });
  return performCarrierRequests(rearmed, actor, gateway, db);
}
