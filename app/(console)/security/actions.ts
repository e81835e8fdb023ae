"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { clearSignInThrottle } from "@/db/mutations/clear-sign-in-throttle";
import { resetStaffTwoFactor } from "@/db/mutations/reset-staff-two-factor";
import { staffFormAction } from "@/lib/action";
import { requestAddress } from "@/lib/auth/session";
import { clearThrottleSchema, resetTwoFactorSchema } from "@/lib/validation/security";

const admin = { permission: "manageStaff" } as const;

export const clearThrottleAction = staffFormAction(
  clearThrottleSchema,
  async ({ key }, { staff }) => {
    await clearSignInThrottle(key, staff.id, undefined, { address: await requestAddress() });
    revalidatePath("/security/throttles");
    return { ok: true, data: null, message: (await getTranslations("security.throttles"))("cleared") };
  },
  admin,
);

export const resetTwoFactorAction = staffFormAction(
  resetTwoFactorSchema,
  async (input, { staff }) => {
    await resetStaffTwoFactor(input, staff.id, undefined, { address: await requestAddress() });
    revalidatePath("/staff", "layout");
    return { ok: true, data: null, message: (await getTranslations("security.reset"))("done") };
  },
  admin,
);
