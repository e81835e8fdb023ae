import { and, eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import type { CarrierGateway } from "@/lib/carrier/gateway";
import { NotFoundError } from "../errors";
import { cards, periods, renewals } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";

export type ActivationOutcome = "activated" | "failed" | "already_activated" | "voided";

/**
 * Asks the carrier to activate a paid renewal's data, outside any
 * transaction, then records the outcome. Safe to repeat: the carrier dedupes by
 * renewal id, and only a renewal still 'paid' is moved to 'activated'.
 */
export async function activateRenewal(
  renewalId: number,
  actor: { id: number | null },
  gateway: CarrierGateway,
  db: Db = defaultDb,
): Promise<ActivationOutcome> {
  const [row] = await db
    .select({
      status: renewals.status,
      iccid: cards.iccid,
      startsAt: periods.startsAt,
      endsAt: periods.endsAt,
      dataCnMb: periods.dataCnMb,
      dataHkMb: periods.dataHkMb,
    })
    .from(renewals)
    .innerJoin(cards, eq(cards.id, renewals.cardId))
    .innerJoin(periods, eq(periods.renewalId, renewals.id))
    .where(eq(renewals.id, renewalId))
    .limit(1);
  if (!row) throw new NotFoundError("renewal.not_found");
  if (row.status === "activated") return "already_activated";
  if (row.status === "voided") return "voided";

  let result: Awaited<ReturnType<CarrierGateway["activate"]>>;
  try {
    result = await gateway.activate({
      renewalId,
      iccid: row.iccid,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      dataCnMb: row.dataCnMb,
      dataHkMb: row.dataHkMb,
    });
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : "carrier error" };
  }

  return db.transaction(async (tx) => {
    if (result.ok) {
      const moved = await tx
        .update(renewals)
        .set({
          status: "activated",
          activatedAt: sql`now()`,
          activationAttempts: sql`${renewals.activationAttempts} + 1`,
          lastActivationError: null,
        })
        .where(and(eq(renewals.id, renewalId), eq(renewals.status, "paid")))
        .returning({ id: renewals.id });
      if (moved.length === 0) return "already_activated";
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "renewal.activate",
        entityType: "renewal",
        entityId: renewalId,
        after: { carrierReference: result.reference },
      });
      return "activated";
    }
    // Only the carrier's short message is kept; it is shown to staff as "activation failed".
    const error = result.error.slice(0, 200);
    await tx
      .update(renewals)
      .set({ activationAttempts: sql`${renewals.activationAttempts} + 1`, lastActivationError: error })
      .where(and(eq(renewals.id, renewalId), eq(renewals.status, "paid")));
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "renewal.activation_failed",
      entityType: "renewal",
      entityId: renewalId,
      after: { error },
    });
    return "failed";
  });
}
