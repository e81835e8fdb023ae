"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { suspendCard } from "@/db/mutations/suspend-card";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { staffFormAction } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { businessRules } from "@/lib/config";
import { suspendCardSchema } from "@/lib/validation/lifecycle";

/** Suspends the card (who may, per reason, is checked again in the mutation), then shows the card. */
export const suspendCardAction = staffFormAction(
  suspendCardSchema,
  async (input, { staff }) => {
    const { customerId, carrierRequestId } = await suspendCard(
      { ...input, context: { ticketRef: input.ticketRef, channel: input.channel, note: input.note } },
      staff,
      { graceDays: businessRules().graceDays },
    );
    // After commit: the agent sees the carrier's answer on the card; the carrier worker retries a failure.
    await performCarrierRequests([carrierRequestId], staff, defaultCarrier());
    revalidatePath("/customers", "layout");
    redirect(`/customers/${customerId}/cards/${input.cardId}?lifecycle=suspended`);
  },
  { permission: "suspendCard" },
);
