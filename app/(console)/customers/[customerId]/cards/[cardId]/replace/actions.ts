"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { replaceCard } from "@/db/mutations/replace-card";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { staffFormAction } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { contactContextOf } from "@/lib/validation/contact";
import { businessRules, replacementFees } from "@/lib/config";
import { replaceCardSchema } from "@/lib/validation/lifecycle";

/** Replaces the SIM (fee paid or, by a supervisor, waived), then shows the new card. */
export const replaceCardAction = staffFormAction(
  replaceCardSchema,
  async (input, { staff }) => {
    const fee = input.waive
      ? { kind: "waived" as const, reason: input.waiveReason ?? "", currency: input.currency }
      : { kind: "paid" as const, method: input.method, currency: input.currency, reference: input.reference };
    const { newCardId, customerId, carrierRequestIds } = await replaceCard(
      {
        cardId: input.cardId,
        newIccid: input.newIccid,
        reason: input.reason,
        form: input.form,
        handover: input.handover,
        deliveryAddress: input.deliveryAddress,
        fee,
        context: contactContextOf(input),
      },
      staff,
      { graceDays: businessRules().graceDays, fees: replacementFees() },
    );
    // After commit: the carrier swaps the numbers onto the new SIM; the carrier worker retries a failure.
    await performCarrierRequests(carrierRequestIds, staff, defaultCarrier());
    revalidatePath("/customers", "layout");
    redirect(`/customers/${customerId}/cards/${newCardId}?lifecycle=replaced`);
  },
  { permission: "replaceCard" },
);
