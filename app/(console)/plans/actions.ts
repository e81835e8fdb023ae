"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changePlanStatus } from "@/db/mutations/change-plan-status";
import { createPlan } from "@/db/mutations/create-plan";
import { deletePlan } from "@/db/mutations/delete-plan";
import { updatePlan } from "@/db/mutations/update-plan";
import { type ActionResult, staffFormAction } from "@/lib/action";
import {
  createPlanSchema,
  planStatusChangeSchema,
  planTransitionSchema,
  updatePlanSchema,
} from "@/lib/validation/plans";

const admin = { permission: "manageCatalog" } as const;

export const createPlanAction = staffFormAction(
  createPlanSchema,
  async (input, { staff }): Promise<ActionResult> => {
    const { planId } = await createPlan(input, staff.id);
    revalidatePath("/plans");
    redirect(`/plans/${planId}?created=1`);
  },
  admin,
);

export const updatePlanAction = staffFormAction(
  updatePlanSchema,
  async (input, { staff }) => {
    const t = await getTranslations("plans.detail");
    const result = await updatePlan(input, staff.id);
    if (!result.changed) return { ok: true, data: null, message: t("unchanged") };
    revalidatePath("/plans", "layout");
    return {
      ok: true,
      data: null,
      message: result.newVersion ? t("savedVersion", { version: result.newVersion }) : t("saved"),
    };
  },
  admin,
);

const statusChangeDone = { publish: "published", archive: "archived", restore: "restored" } as const;

export const changePlanStatusAction = staffFormAction(
  planStatusChangeSchema,
  async (input, { staff }) => {
    await changePlanStatus(input, staff.id);
    revalidatePath("/plans", "layout");
    return { ok: true, data: null, message: (await getTranslations("plans.actions"))(statusChangeDone[input.kind]) };
  },
  admin,
);

export const deletePlanAction = staffFormAction(
  planTransitionSchema,
  async (input, { staff }): Promise<ActionResult> => {
    const { code } = await deletePlan(input, staff.id);
    revalidatePath("/plans");
    redirect(`/plans?deleted=${encodeURIComponent(code)}`);
  },
  admin,
);
