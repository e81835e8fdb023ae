"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { correctStoredValue } from "@/db/mutations/correct-stored-value";
import { staffFormAction } from "@/lib/action";
import { formatMoney } from "@/lib/domain/money";
import { contactContextOf } from "@/lib/validation/contact";
import { correctionSchema } from "@/lib/validation/desk";

/** `may.correctStoredValue`: the wrapper refuses anyone else, and correctStoredValue checks it again. */
export const correctStoredValueAction = staffFormAction(
  correctionSchema,
  async (input, { staff }) => {
    const result = await correctStoredValue(
      {
        idempotencyKey: input.idempotencyKey,
        cardId: input.cardId,
        deltaMinor: input.direction === "add" ? input.amount : -input.amount,
        reason: input.reason,
        context: contactContextOf(input),
      },
      staff,
    );
    revalidatePath("/customers", "layout");
    const t = await getTranslations("desk.storedValue");
    return {
      ok: true,
      data: result,
      message: t("done", { balance: formatMoney(result.balanceMinor, "HKD", await getLocale()) }),
    };
  },
  { permission: "correctStoredValue" },
);
