"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { retryCarrierRequests } from "@/db/mutations/retry-carrier-requests";
import { staffFormAction } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { idSchema } from "@/lib/validation/ids";

/** Retries a lifecycle step's carrier request (suspend, resume, swap) from the card page. */
export const retryLifecycleCarrierAction = staffFormAction(
  z.object({ carrierRequestId: idSchema }).strict(),
  async (input, { staff }) => {
    const [outcome] = await retryCarrierRequests([input.carrierRequestId], staff, defaultCarrier());
    revalidatePath("/customers", "layout");
    return { ok: true, data: { succeeded: outcome?.outcome === "succeeded" } };
  },
  { permission: "suspendCard" },
);
