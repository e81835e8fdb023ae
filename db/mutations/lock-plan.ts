import { eq } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../errors";
import type { Tx } from "../client";
import { plans, planVersions, staff } from "../schema";
import type { PlanTerms } from "@/lib/validation/plans";

/**
 * Locks a plan for a change and checks the editor saw its latest state: every
 * change names the lockVersion it read, and a stale one is refused with who
 * changed it since, instead of silently overwriting their work.
 */
export async function lockPlanForChange(tx: Tx, planId: number, lockVersion: number) {
  const [row] = await tx
    .select({
      id: plans.id,
      code: plans.code,
      nameEn: plans.nameEn,
      nameZh: plans.nameZh,
      status: plans.status,
      sortOrder: plans.sortOrder,
      lockVersion: plans.lockVersion,
      updatedByName: staff.name,
      versionId: planVersions.id,
      version: planVersions.version,
      validityDays: planVersions.validityDays,
      dataCnMb: planVersions.dataCnMb,
      dataHkMb: planVersions.dataHkMb,
      priceHkdMinor: planVersions.priceHkdMinor,
      priceCnyMinor: planVersions.priceCnyMinor,
      extensionMode: planVersions.extensionMode,
    })
    .from(plans)
    .leftJoin(planVersions, eq(planVersions.id, plans.currentVersionId))
    .leftJoin(staff, eq(staff.id, plans.updatedBy))
    .where(eq(plans.id, planId))
    .for("update", { of: plans })
    .limit(1);
  if (!row) throw new NotFoundError("plans.errors.notFound");
  if (row.lockVersion !== lockVersion) {
    throw row.updatedByName
      ? new ConflictError("plans.errors.stale", { name: row.updatedByName })
      : new ConflictError("plans.errors.staleUnknown");
  }
  const { versionId, version, validityDays, dataCnMb, dataHkMb, priceHkdMinor, priceCnyMinor, extensionMode, ...plan } = row;
  const terms: PlanTerms | null =
    versionId === null || validityDays === null || dataCnMb === null || dataHkMb === null || priceHkdMinor === null || priceCnyMinor === null || extensionMode === null
      ? null
      : { validityDays, dataCnMb, dataHkMb, priceHkdMinor, priceCnyMinor, extensionMode };
  return { ...plan, versionId, version, terms };
}
export type LockedPlan = Awaited<ReturnType<typeof lockPlanForChange>>;

/** What the audit log records of a plan: everything an admin can change, and the version it sells. */
export function planSnapshot(plan: Pick<LockedPlan, "code" | "nameEn" | "nameZh" | "status" | "sortOrder" | "version" | "terms">) {
  return {
    code: plan.code,
    nameEn: plan.nameEn,
    nameZh: plan.nameZh,
    status: plan.status,
    sortOrder: plan.sortOrder,
    version: plan.version,
    terms: plan.terms,
  };
}
