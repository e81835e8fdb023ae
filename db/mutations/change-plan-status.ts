import { eq, sql } from "drizzle-orm";
import type { PlanStatusChangeInput } from "@/lib/validation/plans";
import { db as defaultDb, type Db } from "@/db";
import { PreconditionError } from "../errors";
import { plans } from "../schema";
import type { planStatuses } from "@/lib/domain/enums";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { lockPlanForChange } from "@/db/mutations/_shared/lock-plan";

type PlanStatus = (typeof planStatuses)[number];

/**
 * The catalog's life cycle: a draft is published once; an active plan can be
 * archived (never offered again; cards keep the periods they bought) and
 * restored. Plans never go back to draft.
 */
const transitions = {
  publish: { from: "draft", to: "active", refusal: "plans.errors.notDraft" },
  archive: { from: "active", to: "archived", refusal: "plans.errors.notActive" },
  restore: { from: "archived", to: "active", refusal: "plans.errors.notArchived" },
} as const satisfies Record<PlanStatusChangeInput["kind"], { from: PlanStatus; to: PlanStatus; refusal: string }>;

export async function changePlanStatus(input: PlanStatusChangeInput, actorId: number, db: Db = defaultDb) {
  const { kind } = input;
  const { from, to, refusal } = transitions[kind];
  return db.transaction(async (tx) => {
    const current = await lockPlanForChange(tx, input.planId, input.lockVersion);
    if (current.status !== from) throw new PreconditionError(refusal);
    await tx
      .update(plans)
      .set({ status: to, lockVersion: sql`${plans.lockVersion} + 1`, updatedBy: actorId, updatedAt: sql`now()` })
      .where(eq(plans.id, current.id));
    await writeAudit(tx, {
      actorStaffId: actorId,
      action: `plan.${kind}`,
      entityType: "plan",
      entityId: current.id,
      before: { status: from },
      after: { status: to },
    });
    return { planId: current.id, status: to };
  });
}
