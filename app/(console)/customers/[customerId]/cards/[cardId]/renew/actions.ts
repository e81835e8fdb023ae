"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { refusalError, renewCard } from "@/db/mutations/renew-card";
import { checkRenewal } from "@/db/queries/renewals";
import { staffAction } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { businessRules } from "@/lib/config";
import type { Currency } from "@/lib/domain/enums";
import { describeRefusal, type Warning } from "@/lib/domain/renewal-quote";
import { contactContextOf } from "@/lib/validation/contact";
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
  currency: Currency;
  warnings: Warning[];
  refusals: string[];
}

/** Read-only: what confirming would do. Nothing is written before confirm. */
export const previewRenewalAction = staffAction(
  renewalRequestSchema,
  async (input) => {
    const { graceDays, validityCapYears } = businessRules();
    const { quote, plan, refusals } = await checkRenewal(input, {
      graceDays,
      capYears: validityCapYears,
      now: new Date(),
    });
    // Without a card or a sellable plan there is nothing to review: show it on the form.
    if (!quote || !plan) throw refusalError(refusals[0]!);
    const t = await getTranslations("errors");
    const messages = refusals.map((refusal) => {
      const { key, params } = describeRefusal(refusal);
      return t(key, params);
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
  },
  { permission: "renewCard" },
);

/** Renews (exactly once per idempotency key), then asks the carrier to activate. */
export const renewCardAction = staffAction(
  confirmRenewalSchema,
  async (input, { staff }) => {
    const { graceDays, validityCapYears } = businessRules();
    const { renewalId, activationRequestId } = await renewCard({ ...input, context: contactContextOf(input) }, staff, {
      graceDays,
      capYears: validityCapYears,
    });
    // After commit, so the agent sees the carrier's answer on the receipt; the carrier worker retries a failure.
    if (activationRequestId !== null) await performCarrierRequests([activationRequestId], staff, defaultCarrier());
    revalidatePath("/customers", "layout");
    return { ok: true, data: { renewalId } };
  },
  { permission: "renewCard" },
);
