"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { goodwillRefusalError, grantGoodwill } from "@/db/mutations/grant-goodwill";
import { checkGoodwill } from "@/db/queries/goodwill";
import { staffAction } from "@/lib/action";
import { businessRules } from "@/lib/config";
import { describeGoodwillRefusal } from "@/lib/domain/goodwill";
import { contactContextOf } from "@/lib/validation/contact";
import { confirmGoodwillSchema, goodwillRequestSchema } from "@/lib/validation/desk";

export interface GoodwillPreview {
  previousValidityEnd: string;
  newValidityEnd: string;
  refusals: string[];
}

const reasonOf = (input: { reasonCode: string; reasonNote?: string }) => input.reasonNote ?? input.reasonCode;

/** Read-only: the old and new end and every refusal, from the one goodwill check. */
export const previewGoodwillAction = staffAction(
  goodwillRequestSchema,
  async (input) => {
    const { graceDays, validityCapYears } = businessRules();
    const check = await checkGoodwill(
      { cardId: input.cardId, days: input.days },
      { graceDays, capYears: validityCapYears, now: new Date() },
    );
    if (!check.quote) throw goodwillRefusalError(check.refusals[0]!);
    const t = await getTranslations();
    const preview: GoodwillPreview = {
      previousValidityEnd: check.quote.previousValidityEnd.toISOString(),
      newValidityEnd: check.quote.newValidityEnd.toISOString(),
      refusals: check.refusals.map((refusal) => {
        const { key, params } = describeGoodwillRefusal(refusal);
        return t(key, params);
      }),
    };
    return { ok: true, data: preview };
  },
  { permission: "grantGoodwill" },
);

/** `may.grantGoodwill`: the wrapper refuses anyone else, and grantGoodwill checks it again. */
export const grantGoodwillAction = staffAction(
  confirmGoodwillSchema,
  async (input, { staff }) => {
    const { graceDays, validityCapYears } = businessRules();
    const result = await grantGoodwill(
      {
        idempotencyKey: input.idempotencyKey,
        cardId: input.cardId,
        days: input.days,
        reasonCode: input.reasonCode,
        reason: reasonOf(input),
        context: contactContextOf(input),
      },
      staff,
      { graceDays, capYears: validityCapYears },
    );
    revalidatePath("/customers", "layout");
    return { ok: true, data: result };
  },
  { permission: "grantGoodwill" },
);
