import { eq } from "drizzle-orm";
import type { CreatePlanInput } from "@/lib/validation/plans";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, pgConstraint, pgErrorCode, pgErrorCodes } from "../errors";
import { plans, planVersions } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { planSnapshot } from "@/db/mutations/_shared/lock-plan";

/** A new plan starts as a draft at version 1; publishing makes it sellable. */
export async function createPlan(
  input: CreatePlanInput,
  actorId: number,
  db: Db = defaultDb,
): Promise<{ planId: number }> {
  try {
    return await db.transaction(async (tx) => {
      const [plan] = await tx
        .insert(plans)
        .values({
          code: input.code,
          nameEn: input.nameEn,
          nameZh: input.nameZh,
          nameZhHant: input.nameZhHant,
          sortOrder: input.sortOrder,
          status: "draft",
          updatedBy: actorId,
        })
        .returning({ id: plans.id });
      const [version] = await tx
        .insert(planVersions)
        .values({ planId: plan!.id, version: 1, ...input.terms, createdBy: actorId })
        .returning({ id: planVersions.id });
      await tx.update(plans).set({ currentVersionId: version!.id }).where(eq(plans.id, plan!.id));
      await writeAudit(tx, {
        actorStaffId: actorId,
        action: "plan.create",
        entityType: "plan",
        entityId: plan!.id,
        after: planSnapshot({ ...input, status: "draft", version: 1 }),
      });
      return { planId: plan!.id };
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation && pgConstraint(error) === "plans_code_key") {
      throw new ConflictError("plans.errors.codeTaken", { code: input.code }, "code");
    }
    throw error;
  }
}
