"use server";

import { revalidatePath } from "next/cache";
import { topUpStoredValue } from "@/db/mutations/top-up-stored-value";
import { staffFormAction } from "@/lib/action";
import { businessRules } from "@/lib/config";
import { contactContextOf } from "@/lib/validation/contact";
import { topUpSchema } from "@/lib/validation/desk";

/** Any agent: exactly once per idempotency key; the receipt is the payment's page. */
export const topUpAction = staffFormAction(
  topUpSchema,
  async (input, { staff }) => {
    const result = await topUpStoredValue(
      {
        idempotencyKey: input.idempotencyKey,
        cardId: input.cardId,
        amountMinor: input.amount,
        method: input.method,
        reference: input.reference,
        context: contactContextOf(input),
      },
      staff,
      { graceDays: businessRules().graceDays },
    );
    revalidatePath("/customers", "layout");
    return { ok: true, data: result };
  },
  { permission: "topUpStoredValue" },
);
