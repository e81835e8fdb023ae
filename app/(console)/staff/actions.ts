"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { changeStaffRole } from "@/db/mutations/change-staff-role";
import { createStaff } from "@/db/mutations/create-staff";
import { resetStaffPassword } from "@/db/mutations/reset-staff-password";
import { setStaffDisabled } from "@/db/mutations/set-staff-disabled";
import { staffFormAction } from "@/lib/action";
import {
  changeStaffRoleSchema,
  createStaffSchema,
  resetStaffPasswordSchema,
  setStaffDisabledSchema,
} from "@/lib/validation/staff";

const admin = { permission: "manageStaff" } as const;

/** A generated password travels back once, in this response to the admin who asked; it is never stored in clear. */
export const createStaffAction = staffFormAction(
  createStaffSchema,
  async (input, { staff }) => {
    const t = await getTranslations("staff.new");
    const { staffId, generatedPassword } = await createStaff(input, staff.id);
    revalidatePath("/staff");
    return {
      ok: true,
      data: { staffId, name: input.name, generatedPassword },
      message: generatedPassword ? t("createdWithPassword", { name: input.name }) : t("created", { name: input.name }),
    };
  },
  admin,
);

export const changeStaffRoleAction = staffFormAction(
  changeStaffRoleSchema,
  async (input, { staff }) => {
    const t = await getTranslations("staff.detail");
    const { changed } = await changeStaffRole(input, staff.id);
    revalidatePath("/staff", "layout");
    return { ok: true, data: null, message: changed ? t("roleChanged") : t("roleUnchanged") };
  },
  admin,
);

export const setStaffDisabledAction = staffFormAction(
  setStaffDisabledSchema,
  async (input, { staff }) => {
    const t = await getTranslations("staff.detail");
    const { changed } = await setStaffDisabled(input, staff.id);
    revalidatePath("/staff", "layout");
    return { ok: true, data: null, message: !changed ? t("unchanged") : input.disabled ? t("disabled") : t("enabled") };
  },
  admin,
);

export const resetStaffPasswordAction = staffFormAction(
  resetStaffPasswordSchema,
  async (input, { staff }) => {
    const t = await getTranslations("staff.detail");
    const { generatedPassword } = await resetStaffPassword(input, staff.id);
    revalidatePath("/staff", "layout");
    return {
      ok: true,
      data: { generatedPassword },
      message: generatedPassword ? t("resetDoneGenerated") : t("resetDone"),
    };
  },
  admin,
);
