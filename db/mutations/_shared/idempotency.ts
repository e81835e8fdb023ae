import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { ConflictError } from "@/db/errors";
import { idempotencyKeys } from "@/db/schema";

/** The request a key stands for: the same key may only ever mean the same request. */
export function requestHash(parts: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * Claims an idempotency key inside the caller's transaction. A concurrent
 * holder of the same key makes the insert wait for its commit; a key already
 * used returns the result it recorded (a replay: write nothing), and a key used
 * for another request, scope or staff member is refused.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  claim: { key: string; staffId: number; scope: string; requestHash: string },
): Promise<{ replayedResult: string } | null> {
  const claimed = await tx
    .insert(idempotencyKeys)
    .values(claim)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) return null;
  const [existing] = await tx
    .select({
      staffId: idempotencyKeys.staffId,
      scope: idempotencyKeys.scope,
      requestHash: idempotencyKeys.requestHash,
      result: idempotencyKeys.result,
    })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.key, claim.key));
  if (
    !existing ||
    existing.staffId !== claim.staffId ||
    existing.scope !== claim.scope ||
    existing.requestHash !== claim.requestHash ||
    !existing.result
  ) {
    throw new ConflictError("renewal.idempotency_mismatch");
  }
  return { replayedResult: existing.result };
}

export async function recordIdempotentResult(tx: Tx, key: string, result: string | number): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ result: String(result) })
    .where(eq(idempotencyKeys.key, key));
}
