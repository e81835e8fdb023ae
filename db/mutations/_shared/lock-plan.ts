import { eq } from "drizzle-orm";
import { ConflictError, NotFoundError } from "@/db/errors";
import type { Tx } from "@/db/client";
import { selectPlanDetail, withTerms } from "@/db/queries/plans";
import { plans } from "@/db/schema";

/**
 * Locks a plan for a change and checks the editor saw its latest state: every
 * change names the lockVersion it read, and a stale one is refused with who
 * changed it since, instead of silently overwriting their work.
 */
export async function lockPlanForChange(tx: Tx, planId: number, lockVersion: number) {
  const [row] = await selectPlanDetail(tx).where(eq(plans.id, planId)).for("update", { of: plans }).limit(1);
  if (!row) throw new NotFoundError("plans.errors.notFound");
  if (row.lockVersion !== lockVersion) {
    throw row.updatedByName
      ? new ConflictError("plans.errors.stale", { name: row.updatedByName })
      : new ConflictError("plans.errors.staleUnknown");
  }
  return withTerms(row);
}
type LockedPlan = Awaited<ReturnType<typeof lockPlanForChange>>;

/** What the audit log records of a plan: everything an admin can change, and the version it sells. */
export function planSnapshot(
  plan: Pick<LockedPlan, "code" | "nameEn" | "nameZh" | "nameZhHant" | "status" | "sortOrder" | "version" | "terms">,
) {
  return {
    code: plan.code,
    nameEn: plan.nameEn,
    nameZh: plan.nameZh,
    nameZhHant: plan.nameZhHant,
    status: plan.status,
    sortOrder: plan.sortOrder,
    version: plan.version,
    terms: plan.terms,
  };
}
