import { eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError } from "@/db/errors";
import { renewals, settlementLines } from "@/db/schema";
import type { SettlementResolution } from "@/lib/domain/enums";
import { may, type Role } from "@/lib/domain/permissions";
import { writeAudit } from "./_shared/audit";

/**
 * A supervisor resolves one exception (amount differs, missing in the console
 * or in the file) with a note: linked to a renewal, refunded outside the
 * console, or written off. Once: the line row is locked, and a second
 * resolution (another supervisor, a double click) is told it is resolved.
 */
export async function resolveSettlementLine(
  input: { lineId: number; resolution: SettlementResolution; note: string; renewalId: number | null },
  actor: { id: number; role: Role },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<void> {
  if (!may.reconcileSettlements(actor)) throw new ForbiddenError("forbidden");
  const note = input.note.trim();
  if (!note) throw new PreconditionError("reconciliation.errors.noteRequired", {}, "note");
  if (input.resolution === "linked_renewal" && !input.renewalId) {
    throw new PreconditionError("reconciliation.errors.renewalRequired", {}, "renewalId");
  }
  await db.transaction(async (tx) => {
    const [line] = await tx
      .select({ id: settlementLines.id, outcome: settlementLines.outcome, resolvedAt: settlementLines.resolvedAt })
      .from(settlementLines)
      .where(eq(settlementLines.id, input.lineId))
      .for("update");
    if (!line) throw new NotFoundError("reconciliation.errors.lineNotFound");
    if (line.outcome === "matched") throw new ConflictError("reconciliation.errors.notException");
    if (line.resolvedAt) throw new ConflictError("reconciliation.errors.alreadyResolved");
    const renewalId = input.resolution === "linked_renewal" ? input.renewalId : null;
    if (renewalId) {
      const [renewal] = await tx.select({ id: renewals.id }).from(renewals).where(eq(renewals.id, renewalId));
      if (!renewal)
        throw new PreconditionError("reconciliation.errors.renewalNotFound", { id: renewalId }, "renewalId");
    }
    const now = options.now?.() ?? new Date();
    await tx
      .update(settlementLines)
      .set({
        resolution: input.resolution,
        resolutionNote: note,
        linkedRenewalId: renewalId,
        resolvedBy: actor.id,
        resolvedAt: now,
      })
      .where(eq(settlementLines.id, line.id));
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "settlement.resolve",
      entityType: "settlement_line",
      entityId: line.id,
      before: { outcome: line.outcome, resolution: null },
      after: { outcome: line.outcome, resolution: input.resolution, linkedRenewalId: renewalId },
      context: { note },
    });
  });
}
