"use server";

import { revalidatePath } from "next/cache";
import { retryCarrierRequests } from "@/db/mutations/retry-carrier-requests";
import { staffAction } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { retryActivationsSchema } from "@/lib/validation/renewal";

/** Retry one or many stuck activations now; each outcome is recorded on its request and audited. */
export const retryActivationsAction = staffAction(
  retryActivationsSchema,
  async ({ requestIds }, { staff }) => {
    const outcomes = await retryCarrierRequests(requestIds, staff, defaultCarrier());
    revalidatePath("/renewals/activation");
    revalidatePath("/customers", "layout");
    const activated = outcomes.filter((o) => o.outcome === "succeeded").length;
    return { ok: true, data: { activated, failed: outcomes.length - activated } };
  },
  { permission: "retryActivation" },
);
