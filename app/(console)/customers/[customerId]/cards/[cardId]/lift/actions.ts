"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { liftSuspension } from "@/db/mutations/lift-suspension";
import { staffFormAction } from "@/lib/action";
import { businessRules } from "@/lib/config";
import { liftSuspensionSchema } from "@/lib/validation/lifecycle";

/** Lifts the suspension after its check; a fraud suspension only for a supervisor (checked in the mutation). */
export const liftSuspensionAction = staffFormAction(
  liftSuspensionSchema,
  async (input, { staff }) => {
    const { customerId } = await liftSuspension(
      { ...input, context: { ticketRef: input.ticketRef, channel: input.channel, note: input.note } },
      staff,
      { graceDays: businessRules().graceDays },
    );
    revalidatePath("/customers", "layout");
    redirect(`/customers/${customerId}/cards/${input.cardId}?lifecycle=lifted`);
  },
  { permission: "liftSuspension" },
);
