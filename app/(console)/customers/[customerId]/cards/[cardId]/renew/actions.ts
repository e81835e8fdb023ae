"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { activateRenewal } from "@/db/mutations/activate-renewal";
import { renewCard } from "@/db/mutations/renew-card";
import { previewRenewal } from "@/db/queries/preview-renewal";
import { staffAction } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { businessRules } from "@/lib/config";
import { formatMoney } from "@/lib/money";
import { confirmRenewalSchema, renewalRequestSchema } from "@/lib/validation/renewal";

export interface RenewalPreview {
  state: string;
  rule: "stack" | "stack_grace" | "max_from_today";
  previousValidityEnd: string;
  newValidityEnd: string;
  startsAt: string;
  startsNow: boolean;
  dataCnMb: number;
  dataHkMb: number;
  priceMinor: number;
  currency: "HKD" | "CNY";
  warnings: string[];
  refusals: string[];
}

/** Read-only: what confirming would do. Nothing is written before confirm. */
export const previewRenewalAction = staffAction(renewalRequestSchema, async (input) => {
  const { graceDays, validityCapDays } = businessRules();
  const { quote, plan, refusals } = await previewRenewal(input, { graceDays, capDays: validityCapDays });
  const t = await getTranslations("errors.renewal");
  const messages = refusals.map((refusal) => {
    switch (refusal.code) {
      case "cap_exceeded":
        return t("cap_exceeded", { capDays: refusal.capDays });
      case "stored_value_short":
        return t("stored_value_short", {
          balance: formatMoney(refusal.balanceMinor, "HKD"),
          price: formatMoney(refusal.priceMinor, "HKD"),
        });
      case "reference_used":
        return t("reference_used", { renewalId: refusal.renewalId });
      default:
        return t(refusal.code);
    }
  });
  const preview: RenewalPreview = {
    state: quote.state,
    rule: quote.mode === "max_from_today" ? "max_from_today" : quote.state === "grace" ? "stack_grace" : "stack",
    previousValidityEnd: quote.previousValidityEnd.toISOString(),
    newValidityEnd: quote.newValidityEnd.toISOString(),
    startsAt: quote.startsAt.toISOString(),
    startsNow: !quote.warnings.includes("queued_period"),
    dataCnMb: plan.dataCnMb,
    dataHkMb: plan.dataHkMb,
    priceMinor: quote.priceMinor,
    currency: quote.currency,
    warnings: quote.warnings,
    refusals: messages,
  };
  return { ok: true, data: preview };
});

/** Renews (exactly once per idempotency key), then asks the carrier to activate. */
export const renewCardAction = staffAction(confirmRenewalSchema, async (input, { staff }) => {
  const { graceDays, validityCapDays } = businessRules();
  const { renewalId, replayed } = await renewCard(input, staff, { graceDays, capDays: validityCapDays });
  if (!replayed) await activateRenewal(renewalId, staff, defaultCarrier());
  revalidatePath("/customers", "layout");
  return { ok: true, data: { renewalId } };
});
