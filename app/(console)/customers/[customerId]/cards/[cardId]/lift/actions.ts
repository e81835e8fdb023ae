"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { liftSuspension } from "@/db/mutations/lift-suspension";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { staffFormAction } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { businessRules } from "@/lib/config";
import { liftSuspensionSchema } from "@/lib/validation/lifecycle";

/** Lifts the suspension after its check; a fraud suspension only for a supervisor (checked in the mutation). */
export const liftSuspensionAction = staffFormAction(
  liftSuspensionSchema,
  async (input, { staff }) => {
    const { customerId, carrierRequestId } = await liftSuspension(
      { ...input, context: { ticketRef: input.ticketRef, channel: input.channel, note: input.note } },
      staff,
      { graceDays: businessRules().graceDays },
    );
    // After commit: the agent sees the carrier's answer on the card; the carrier worker retries a failure.
    await performCarrierRequests([carrierRequestId], staff, defaultCarrier());
    revalidatePath("/customers", "layout");
    redirect(`/customers/${customerId}/cards/${input.cardId}?lifecycle=lifted`);
  },
  { permission: "liftSuspension" },
);
