import { and, eq, sql } from "drizzle-orm";
import { renewals } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { CarrierRequestKind } from "@/lib/domain/enums";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { enqueueCarrierRequest } from "@/db/mutations/_shared/enqueue-carrier-request";

/** A carrier request as claimed for one attempt. */
export interface ClaimedCarrierRequest {
  id: number;
  kind: CarrierRequestKind;
  cardId: number;
  renewalId: number | null;
  payload: Record<string, unknown>;
  dedupeKey: string;
  /** Including this attempt. */
  attempts: number;
  cardIccid: string;
}

export interface CarrierOutcomeContext {
  tx: Tx;
  request: ClaimedCarrierRequest;
  actorStaffId: number | null;
}

export interface CarrierOutcomeHandler {
  /** The carrier did it: bring the domain in step, in the transaction that marks the request succeeded. */
  succeeded(context: CarrierOutcomeContext, reference: string): Promise<void>;
  /** The carrier refused or was unreachable; `final` when no more automatic retries follow. */
  failed(context: CarrierOutcomeContext, error: string, final: boolean): Promise<void>;
}

function auditOnly(entity: "renewal" | "card", action: string): CarrierOutcomeHandler {
  const entityId = (request: ClaimedCarrierRequest) => (entity === "renewal" ? request.renewalId! : request.cardId);
  return {
    async succeeded({ tx, request, actorStaffId }, reference) {
      await writeAudit(tx, {
        actorStaffId,
        action,
        entityType: entity,
        entityId: entityId(request),
        after: { carrierRequestId: request.id, carrierReference: reference },
      });
    },
    async failed({ tx, request, actorStaffId }, error, final) {
      await writeAudit(tx, {
        actorStaffId,
        action: `${action}_failed`,
        entityType: entity,
        entityId: entityId(request),
        after: { carrierRequestId: request.id, error, attempts: request.attempts, final },
      });
    },
  };
}

/**
 * What each kind's outcome does to the domain. Activation moves a paid renewal
 * to activated (which releases its held confirmation SMS); deactivation and
 * the card lifecycle kinds (suspend, resume, swap: their own issue) record the
 * outcome; their domain change committed when they were requested.
 */
export const carrierOutcomeHandlers: Record<CarrierRequestKind, CarrierOutcomeHandler> = {
  activate: {
    async succeeded({ tx, request, actorStaffId }, reference) {
      const renewalId = request.renewalId!;
      const moved = await tx
        .update(renewals)
        .set({ status: "activated", activatedAt: sql`now()` })
        .where(and(eq(renewals.id, renewalId), eq(renewals.status, "paid")))
        .returning({ id: renewals.id });
      if (moved.length > 0) {
        await writeAudit(tx, {
          actorStaffId,
          action: "renewal.activate",
          entityType: "renewal",
          entityId: renewalId,
          after: { carrierRequestId: request.id, carrierReference: reference },
        });
        return;
      }
      const [renewal] = await tx.select({ status: renewals.status }).from(renewals).where(eq(renewals.id, renewalId));
      if (renewal?.status !== "voided") return;
      // Voided while the carrier was activating it: the data went live after all, so take it back.
      await enqueueCarrierRequest(tx, {
        kind: "deactivate",
        cardId: request.cardId,
        renewalId,
        payload: { ...request.payload, activationReference: reference },
        dedupeKey: `renewal:${renewalId}:deactivate`,
        createdBy: actorStaffId,
      });
      await writeAudit(tx, {
        actorStaffId,
        action: "renewal.activated_after_void",
        entityType: "renewal",
        entityId: renewalId,
        after: { carrierRequestId: request.id, carrierReference: reference },
      });
    },
    failed: auditOnly("renewal", "renewal.activation").failed,
  },
  deactivate: auditOnly("renewal", "renewal.deactivate"),
  suspend: auditOnly("card", "card.carrier_suspend"),
  resume: auditOnly("card", "card.carrier_resume"),
  swap: auditOnly("card", "card.carrier_swap"),
};
