import { sql } from "drizzle-orm";
import { carrierRequests } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { CarrierRequestKind } from "@/lib/domain/enums";

export interface CarrierRequestInput {
  kind: CarrierRequestKind;
  cardId: number;
  renewalId?: number | null;
  /** What the carrier needs for this kind; stored as sent, shown on the queue. */
  payload: Record<string, unknown>;
  /** One request per purpose, e.g. `renewal:42:activate` or `card:7:suspend:<audit id>`; also the carrier's idempotency key. */
  dedupeKey: string;
  createdBy: number | null;
}

/**
 * Queues a carrier request in the caller's transaction: it exists only if the
 * change it carries out committed. Nothing is sent here (no network call while
 * rows are locked); the caller performs it after commit with
 * `performCarrierRequest`, and the carrier worker retries it with backoff.
 * A second enqueue with the same dedupe key returns the existing request.
 */
export async function enqueueCarrierRequest(
  tx: Tx,
  input: CarrierRequestInput,
): Promise<{ id: number; created: boolean }> {
  const [inserted] = await tx
    .insert(carrierRequests)
    .values({
      kind: input.kind,
      cardId: input.cardId,
      renewalId: input.renewalId ?? null,
      payload: input.payload,
      dedupeKey: input.dedupeKey,
      createdBy: input.createdBy,
    })
    .onConflictDoNothing({ target: carrierRequests.dedupeKey })
    .returning({ id: carrierRequests.id });
  if (inserted) return { id: inserted.id, created: true };
  const [existing] = await tx
    .select({ id: carrierRequests.id })
    .from(carrierRequests)
    .where(sql`${carrierRequests.dedupeKey} = ${input.dedupeKey}`);
  return { id: existing!.id, created: false };
}
