"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { refusalError, renewCard } from "@/db/mutations/renew-card";
import { checkRenewal } from "@/db/queries/renewals";
import { staffAction, type ActionResult } from "@/lib/action";
import { defaultCarrier } from "@/lib/carrier/gateway";
import { businessRules } from "@/lib/config";
import type { Currency } from "@/lib/domain/enums";
import { describeRefusal, type Warning } from "@/lib/domain/renewal-quote";
import { formatQueue, parseQueue } from "@/lib/domain/worklist-queue";
import { contactContextOf } from "@/lib/validation/contact";
import { confirmRenewalSchema, renewalRequestSchema } from "@/lib/validation/renewal";

export interface RenewalPreview {
  state: string;
  rule: "stack" | "stack_grace" | "max_from_today" | "max_from_today_data_only";
  previousValidityEnd: string;
  newValidityEnd: string;
  /** When the new data ends: before the validity end only when the renewal buys data, not time. */
  periodEndsAt: string;
  startsAt: string;
  startsNow: boolean;
  dataCnMb: number;
  dataHkMb: number;
  priceMinor: number;
  currency: Currency;
  warnings: Warning[];
  /** Messages of everything that refuses this renewal, except a recent renewal (that one is acknowledged). */
  refusals: string[];
  /** A renewal of this card in the last minutes: the agent must acknowledge it to confirm. */
  recent: { receipt: string; agent: string; time: string; minutes: number } | null;
}

/** Read-only: what confirming would do. Nothing is written before confirm. */
export const previewRenewalAction = staffAction(
  renewalRequestSchema,
  async (input) => {
    const { graceDays, validityCapYears } = businessRules();
    const { quote, plan, recent, refusals } = await checkRenewal(
      { ...input, acknowledgeRecentRenewal: false },
      { graceDays, capYears: validityCapYears, now: new Date() },
    );
    // Without a card or a sellable plan there is nothing to review: show it on the form.
    if (!quote || !plan) throw refusalError(refusals[0]!);
    const t = await getTranslations("errors");
    const messages = refusals
      .filter((refusal) => refusal.code !== "recent_renewal_unacknowledged")
      .map((refusal) => {
        const { key, params } = describeRefusal(refusal);
        return t(key, params);
      });
    const recentParams = recent ? describeRefusal({ code: "recent_renewal_unacknowledged", ...recent }).params : null;
    const preview: RenewalPreview = {
      state: quote.state,
      rule:
        quote.mode === "max_from_today"
          ? quote.warnings.includes("data_only")
            ? "max_from_today_data_only"
            : "max_from_today"
          : quote.state === "grace"
            ? "stack_grace"
            : "stack",
      previousValidityEnd: quote.previousValidityEnd.toISOString(),
      newValidityEnd: quote.newValidityEnd.toISOString(),
      periodEndsAt: quote.periodEndsAt.toISOString(),
      startsAt: quote.startsAt.toISOString(),
      startsNow: !quote.warnings.includes("queued_period"),
      dataCnMb: plan.dataCnMb,
      dataHkMb: plan.dataHkMb,
      priceMinor: quote.priceMinor,
      currency: quote.currency,
      warnings: quote.warnings,
      refusals: messages,
      recent: recentParams
        ? {
            receipt: String(recentParams.receipt),
            agent: String(recentParams.agent),
            time: String(recentParams.time),
            minutes: Number(recentParams.minutes),
          }
        : null,
    };
    return { ok: true, data: preview };
  },
  { permission: "renewCard" },
);

/**
 * Renews (exactly once per idempotency key), asks the carrier to activate, and
 * answers with the receipt: the redirect renders it into this response, so the
 * browser needs no second request. Only a refusal comes back as a result.
 */
export const renewCardAction = staffAction(
  confirmRenewalSchema,
  async ({ queue, ...input }, { staff }): Promise<ActionResult> => {
    const { graceDays, validityCapYears } = businessRules();
    const { renewalId, activationRequestId } = await renewCard({ ...input, context: contactContextOf(input) }, staff, {
      graceDays,
      capYears: validityCapYears,
    });
    // After commit, so the agent sees the carrier's answer on the receipt; the carrier worker retries a failure.
    if (activationRequestId !== null) await performCarrierRequests([activationRequestId], staff, defaultCarrier());
    revalidatePath("/customers", "layout");
    const rest = formatQueue(parseQueue(queue));
    redirect(`/renewals/${renewalId}?done=1${rest ? `&queue=${rest}` : ""}`);
  },
  { permission: "renewCard" },
);
