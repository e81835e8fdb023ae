"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { issueNewCard } from "@/db/mutations/issue-new-card";
import { staffFormAction } from "@/lib/action";
import { contactContextOf } from "@/lib/validation/contact";
import { businessRules } from "@/lib/config";
import { issueNewCardSchema } from "@/lib/validation/lifecycle";

/** Issues the new card, then goes straight on to its first renewal. */
export const issueNewCardAction = staffFormAction(
  issueNewCardSchema,
  async (input, { staff }) => {
    const { newCardId, customerId } = await issueNewCard({ ...input, context: contactContextOf(input) }, staff, {
      graceDays: businessRules().graceDays,
    });
    revalidatePath("/customers", "layout");
    redirect(`/customers/${customerId}/cards/${newCardId}/renew?first=1`);
  },
  { permission: "issueNewCard" },
);
