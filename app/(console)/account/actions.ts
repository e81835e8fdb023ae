"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { beginTwoFactorEnrolment } from "@/db/mutations/begin-two-factor-enrolment";
import { confirmTwoFactor } from "@/db/mutations/confirm-two-factor";
import { endStaffSessions } from "@/db/mutations/end-staff-sessions";
import { staffFormAction } from "@/lib/action";
import { requestAddress } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { confirmTwoFactorSchema, noInputSchema } from "@/lib/validation/security";

// Members whose role requires 2FA reach these before they have it (twoFactorExempt).
const ownAccount = { twoFactorExempt: true } as const;

export const beginTwoFactorAction = staffFormAction(
  noInputSchema,
  async (_input, { staff }) => {
    await beginTwoFactorEnrolment(staff.id, env().AUTH_SECRET);
    revalidatePath("/account/two-factor");
    return { ok: true, data: null };
  },
  ownAccount,
);

/** The recovery codes travel back once, in this response; only their hashes are stored. */
export const confirmTwoFactorAction = staffFormAction(
  confirmTwoFactorSchema,
  async ({ code }, { staff }) => {
    const t = await getTranslations("security.twoFactor");
    const { recoveryCodes } = await confirmTwoFactor({
      staffId: staff.id,
      code,
      authSecret: env().AUTH_SECRET,
      address: await requestAddress(),
    });
    return { ok: true, data: { recoveryCodes }, message: t("enrolled") };
  },
  ownAccount,
);

export const signOutEverywhereAction = staffFormAction(
  noInputSchema,
  async (_input, { staff }) => {
    await endStaffSessions(staff.id, "sign_out_everywhere", undefined, { address: await requestAddress() });
    return { ok: true, data: null, message: (await getTranslations("security.sessions"))("endedEverywhere") };
  },
  ownAccount,
);
