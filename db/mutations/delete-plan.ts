import { asc, eq } from "drizzle-orm";
import type { PlanTransitionInput } from "@/lib/validation/plans";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, pgErrorCode, pgErrorCodes, PreconditionError } from "../errors";
import { planTermColumns } from "../queries/plans";
import { plans, planVersions, renewals } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { lockPlanForChange, planSnapshot } from "@/db/mutations/_shared/lock-plan";

/**
 * Deletes a draft nobody ever bought, with its versions. A plan with renewals
 * is history and can never be deleted (archive it instead); the foreign key
 * from renewals backs that up if a renewal races in.
 */
export async function deletePlan(
  input: PlanTransitionInput,
  actorId: number,
  db: Db = defaultDb,
): Promise<{ code: string }> {
  try {
    return await db.transaction(async (tx) => {
      const current = await lockPlanForChange(tx, input.planId, input.lockVersion);
      if (current.status !== "draft") throw new PreconditionError("plans.errors.deleteNotDraft");
      const [sold] = await tx
        .select({ id: renewals.id })
        .from(renewals)
        .innerJoin(planVersions, eq(planVersions.id, renewals.planVersionId))
        .where(eq(planVersions.planId, current.id))
        .limit(1);
      if (sold) throw new ConflictError("plans.errors.hasRenewals");

      const versions = await tx
        .select({ version: planVersions.version, ...planTermColumns })
        .from(planVersions)
        .where(eq(planVersions.planId, current.id))
        .orderBy(asc(planVersions.version));
      // Versions go with their plan (ON DELETE CASCADE).
      await tx.delete(plans).where(eq(plans.id, current.id));
      await writeAudit(tx, {
        actorStaffId: actorId,
        action: "plan.delete",
        entityType: "plan",
        entityId: current.id,
        before: { ...planSnapshot(current), versions },
      });
      return { code: current.code };
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.foreignKeyViolation) throw new ConflictError("plans.errors.hasRenewals");
    throw error;
  }
}
