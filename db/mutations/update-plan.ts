import { eq, sql } from "drizzle-orm";
import { planTermKeys, type PlanTerms, type UpdatePlanInput } from "@/lib/validation/plans";
import { db as defaultDb, type Db } from "@/db";
import { plans, planVersions } from "../schema";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { lockPlanForChange } from "@/db/mutations/_shared/lock-plan";

const detailKeys = ["nameEn", "nameZh", "nameZhHant", "sortOrder"] as const;

type UpdatePlanResult =
  { planId: number; changed: false } | { planId: number; changed: true; newVersion: number | null };

/**
 * Saves an edit made against `lockVersion`. Names and sort order change in
 * place; a change to what a customer buys (days, data, prices, mode) inserts a
 * new version effective now and points the plan at it, so every past renewal
 * keeps its own version and the price it was sold at.
 */
export async function updatePlan(
  input: UpdatePlanInput,
  actorId: number,
  db: Db = defaultDb,
): Promise<UpdatePlanResult> {
  return db.transaction(async (tx) => {
    const current = await lockPlanForChange(tx, input.planId, input.lockVersion);
    const changedDetails = detailKeys.filter((key) => current[key] !== input[key]);
    const changedTerms = current.terms
      ? planTermKeys.filter((key) => current.terms![key] !== input.terms[key])
      : [...planTermKeys];
    if (changedDetails.length === 0 && changedTerms.length === 0) return { planId: current.id, changed: false };

    let currentVersionId = current.versionId;
    let newVersion: number | null = null;
    if (changedTerms.length > 0) {
      // The plan row is locked, so no one else can take the next number.
      const [version] = await tx
        .insert(planVersions)
        .values({
          planId: current.id,
          version: sql`(select coalesce(max(${planVersions.version}), 0) + 1 from ${planVersions} where ${planVersions.planId} = ${current.id})`,
          ...input.terms,
          createdBy: actorId,
        })
        .returning({ id: planVersions.id, version: planVersions.version });
      currentVersionId = version!.id;
      newVersion = version!.version;
    }
    await tx
      .update(plans)
      .set({
        nameEn: input.nameEn,
        nameZh: input.nameZh,
        nameZhHant: input.nameZhHant,
        sortOrder: input.sortOrder,
        currentVersionId,
        lockVersion: sql`${plans.lockVersion} + 1`,
        updatedBy: actorId,
        updatedAt: sql`now()`,
      })
      .where(eq(plans.id, current.id));

    const pick = <T extends object>(source: T, keys: readonly (keyof T)[]) =>
      Object.fromEntries(keys.map((key) => [key, source[key]]));
    await writeAudit(tx, {
      actorStaffId: actorId,
      action: "plan.update",
      entityType: "plan",
      entityId: current.id,
      before: {
        ...pick(current, changedDetails),
        ...(changedTerms.length
          ? { version: current.version, ...(current.terms ? pick<PlanTerms>(current.terms, changedTerms) : {}) }
          : {}),
      },
      after: {
        ...pick(input, changedDetails),
        ...(changedTerms.length ? { version: newVersion, ...pick<PlanTerms>(input.terms, changedTerms) } : {}),
      },
    });
    return { planId: current.id, changed: true, newVersion };
  });
}
