"use server";

import { revalidatePath } from "next/cache";
import { logContact } from "@/db/mutations/log-contact";
import { staffFormAction } from "@/lib/action";
import { contactLogSchema } from "@/lib/validation/desk";

/** Logs a contact (from the customer page or a worklist row). A call-back time is typed in Hong Kong time. */
export const logContactAction = staffFormAction(
  contactLogSchema,
  async (input, { staff }) => {
    const result = await logContact(
      {
        customerId: input.customerId,
        cardId: input.cardId ?? null,
        channel: input.channel,
        outcome: input.outcome,
        callBackAt: input.callBackAt ? new Date(`${input.callBackAt}:00+08:00`) : null,
        note: input.note ?? null,
        ticketRef: input.ticketRef ?? null,
      },
      staff,
    );
    revalidatePath(`/customers/${input.customerId}`);
    revalidatePath("/reports/expiring");
    return { ok: true, data: result };
  },
  { permission: "logContact" },
);
