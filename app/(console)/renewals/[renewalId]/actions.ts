"use server";

import { revalidatePath } from "next/cache";
import { activateRenewal } from "@/db/mutations/activate-renewal";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { resendNotification } from "@/db/mutations/resend-notification";
import { voidRenewal } from "@/db/mutations/void-renewal";
import { staffFormAction } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { contactContextOf } from "@/lib/validation/contact";
import { renewalIdSchema, resendNotificationSchema, voidRenewalSchema } from "@/lib/validation/renewal";

export const retryActivationAction = staffFormAction(
  renewalIdSchema,
  async ({ renewalId }, { staff }) => {
    const outcome = await activateRenewal(renewalId, staff, defaultCarrier());
    revalidatePath(`/renewals/${renewalId}`);
    return { ok: true, data: { outcome } };
  },
  { permission: "retryActivation" },
);

/** `may.voidRenewal`: the wrapper refuses anyone else, and voidRenewal checks it again. */
export const voidRenewalAction = staffFormAction(
  voidRenewalSchema,
  async (input, { staff }) => {
    const { deactivationRequestId } = await voidRenewal({ ...input, context: contactContextOf(input) }, staff);
    // After commit: an activated renewal's data is taken back at the carrier; the carrier worker retries a failure.
    if (deactivationRequestId !== null) await performCarrierRequests([deactivationRequestId], staff, defaultCarrier());
    revalidatePath(`/renewals/${input.renewalId}`);
    revalidatePath("/customers", "layout");
    return { ok: true, data: null };
  },
  { permission: "voidRenewal" },
);

export const resendNotificationAction = staffFormAction(
  resendNotificationSchema,
  async (input, { staff }) => {
    await resendNotification(input.notificationId, staff, { context: contactContextOf(input) });
    return { ok: true, data: null };
  },
  { permission: "resendNotification" },
);
