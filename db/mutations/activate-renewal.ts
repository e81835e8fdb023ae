import { and, eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import type { CarrierGateway } from "@/lib/carrier/gateway";
import { NotFoundError } from "../errors";
import { carrierRequests, renewals } from "../schema";
import { retryCarrierRequests } from "@/db/mutations/retry-carrier-requests";

export type ActivationOutcome = "activated" | "failed" | "already_activated" | "voided" | "in_progress";

/**
 * Activates a paid renewal now: performs its queued activation request (the
 * renewal queued it in its own transaction) outside any transaction and
 * records the outcome. Safe to repeat: the carrier dedupes by the request's
 * key, and only a renewal still 'paid' is moved to 'activated'.
 */
export async function activateRenewal(
  renewalId: number,
  actor: { id: number },
  gateway: CarrierGateway,
  db: Db = defaultDb,
): Promise<ActivationOutcome> {
  const [row] = await db
    .select({ status: renewals.status, requestId: carrierRequests.id })
    .from(renewals)
    .leftJoin(carrierRequests, and(eq(carrierRequests.renewalId, renewals.id), eq(carrierRequests.kind, "activate")))
    .where(eq(renewals.id, renewalId))
    .limit(1);
  if (!row || row.requestId === null) throw new NotFoundError("renewal.not_found");
  if (row.status === "activated") return "already_activated";
  if (row.status === "voided") return "voided";
  const [outcome] = await retryCarrierRequests([row.requestId], actor, gateway, db);
  if (!outcome) {
    // Someone else holds the request this instant, or just finished it.
    const [now] = await db.select({ status: renewals.status }).from(renewals).where(eq(renewals.id, renewalId));
    return now?.status === "activated" ? "already_activated" : "in_progress";
  }
  return outcome.outcome === "succeeded" ? "activated" : "failed";
}
