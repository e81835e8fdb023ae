"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { createGoodwillJob } from "@/db/mutations/create-goodwill-job";
import { previewGoodwillBulk } from "@/db/queries/goodwill";
import { staffAction } from "@/lib/action";
import { businessRules } from "@/lib/config";
import { contactContextOf } from "@/lib/validation/contact";
import { bulkGoodwillSchema } from "@/lib/validation/desk";

export interface BulkPreview {
  total: number;
  checked: number;
  extended: number;
  skipped: { label: string; count: number }[];
  sample: { cardId: number; customerId: number; from: string; to: string }[];
}

const selectionOf = (input: { scope: "selected" | "allActive"; cardIds?: number[] }) =>
  input.scope === "allActive" ? ({ allActive: true } as const) : { cardIds: input.cardIds ?? [] };

/** Read-only: count, skips and the first new ends, through the same rule the worker applies. */
export const previewBulkGoodwillAction = staffAction(
  bulkGoodwillSchema,
  async (input) => {
    const { graceDays, validityCapYears } = businessRules();
    const preview = await previewGoodwillBulk(
      { selection: selectionOf(input), days: input.days },
      { graceDays, capYears: validityCapYears, now: new Date() },
    );
    const t = await getTranslations();
    const data: BulkPreview = {
      ...preview,
      skipped: preview.skipped.map((s) => ({
        label: t(`desk.goodwill.errors.${s.code as "card_expired"}`, {
          min: 1,
          max: 30,
          limit: 2,
          windowDays: 365,
          capYears: validityCapYears,
        }),
        count: s.count,
      })),
      sample: preview.sample.map((s) => ({ ...s, from: s.from.toISOString(), to: s.to.toISOString() })),
    };
    return { ok: true, data };
  },
  { permission: "grantGoodwill" },
);

/** Creates the job (once per key) and goes to its progress page; the worker does the rest. */
export const startBulkGoodwillAction = staffAction(
  bulkGoodwillSchema,
  async (input, { staff }) => {
    const { jobId } = await createGoodwillJob(
      {
        key: input.idempotencyKey ?? crypto.randomUUID(),
        selection: selectionOf(input),
        days: input.days,
        reasonCode: input.reasonCode,
        reason: input.reasonNote ?? input.reasonCode,
        context: contactContextOf(input),
      },
      staff,
    );
    redirect(`/goodwill/jobs/${jobId}`);
  },
  { permission: "grantGoodwill" },
);
