"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { formatDataMb, formatHkt, formatUtc, type Locale } from "@/lib/domain/format";
import type { Language, PaymentMethod } from "@/lib/domain/enums";
import { formatMoney } from "@/lib/domain/money";
import type { RenewalPreview } from "./actions";

function Instant({ iso }: { iso: string }) {
  const value = new Date(iso);
  return (
    <time dateTime={iso} title={formatUtc(value)}>
      {formatHkt(value)}
    </time>
  );
}

/**
 * The server-computed review, and the only place Confirm lives. When it
 * appears, focus moves to its heading and it scrolls into view, so what the
 * agent confirms is what they (and a screen reader) just read; a refused
 * review never shows the refused end as the new one; a renewal of this card
 * minutes ago must be acknowledged, by name, before Confirm is enabled.
 */
export function ReviewPanel({
  preview,
  planName,
  method,
  reference,
  smsMsisdn,
  smsLanguage,
  locale,
  acknowledged,
  onAcknowledge,
  confirming,
  onConfirm,
  acknowledgeError,
}: {
  preview: RenewalPreview;
  planName: string;
  method: PaymentMethod;
  reference: string;
  smsMsisdn: string;
  smsLanguage: Language;
  locale: Locale;
  acknowledged: boolean;
  onAcknowledge: (value: boolean) => void;
  confirming: boolean;
  onConfirm: () => void;
  acknowledgeError?: string;
}) {
  const t = useTranslations("renewals");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: "start" });
    heading.current?.focus({ preventScroll: true });
  }, [preview]);

  const refused = preview.refusals.length > 0;
  const dataOnly = preview.warnings.includes("data_only");
  const canConfirm = !refused && (!preview.recent || acknowledged);

  return (
    <section
      aria-labelledby="renewal-review-heading"
      className="scroll-mt-4 rounded-lg border border-brand-600 bg-white p-5 shadow-sm"
      data-testid="renewal-review"
    >
      <h2
        id="renewal-review-heading"
        ref={heading}
        tabIndex={-1}
        className="text-base font-semibold text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600/40"
      >
        {t("stepReview")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("reviewTitle")}</p>
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm md:grid-cols-2">
        <div>
          <dt className="text-slate-500">{t("oldEnd")}</dt>
          <dd className="text-base font-medium">
            <Instant iso={preview.previousValidityEnd} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{refused ? t("refusedEnd") : t("newEnd")}</dt>
          {refused ? (
            <dd className="text-base font-medium text-red-700 line-through" data-testid="refused-validity-end">
              <Instant iso={preview.newValidityEnd} />
            </dd>
          ) : (
            <dd className="text-base font-semibold text-emerald-700" data-testid="new-validity-end">
              <Instant iso={preview.newValidityEnd} />
              {dataOnly ? <span className="block text-sm font-normal text-slate-600">{t("endStays")}</span> : null}
            </dd>
          )}
        </div>
        <div>
          <dt className="text-slate-500">{t("rule")}</dt>
          <dd>{t(`rules.${preview.rule}`)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("dataGranted")}</dt>
          <dd>
            {planName}: {t("mainland")} {formatDataMb(preview.dataCnMb, locale)} · {t("hongKong")}{" "}
            {formatDataMb(preview.dataHkMb, locale)}
            <span className="block text-slate-600">
              {preview.startsNow
                ? t("dataStartsNow")
                : t("dataStarts", { date: formatHkt(new Date(preview.startsAt)) })}
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("charge")}</dt>
          <dd className="font-semibold tabular-nums">
            {t("paidWith", {
              amount: formatMoney(preview.priceMinor, preview.currency, locale),
              method: t(`methods.${method}`),
            })}
            {reference ? (
              <span className="block font-mono text-xs font-normal text-slate-600">
                {t("referenceShort", { reference })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("smsLabel")}</dt>
          <dd>{t("smsTo", { number: smsMsisdn, language: t(`languages.${smsLanguage}`) })}</dd>
        </div>
      </dl>
      <div className="mt-4 space-y-3">
        {preview.warnings.map((w) => (
          <Notice key={w} tone="warning">
            {w === "data_only"
              ? t("warnings.data_only", { periodEnd: formatHkt(new Date(preview.periodEndsAt)) })
              : t(`warnings.${w}`)}
          </Notice>
        ))}
        {refused ? (
          <Notice tone="error">
            <p className="font-semibold">{t("refusedTitle")}</p>
            <ul className="mt-1 list-disc pl-5">
              {preview.refusals.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        {preview.recent && !refused ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            <p className="font-semibold">{t("recent.title", { minutes: preview.recent.minutes })}</p>
            <p className="mt-0.5">
              {t("recent.detail", {
                receipt: preview.recent.receipt,
                agent: preview.recent.agent,
                time: preview.recent.time,
              })}
            </p>
            <label className="mt-2 flex items-start gap-2 font-medium">
              <input
                type="checkbox"
                name="acknowledgeRecentRenewal"
                checked={acknowledged}
                onChange={(e) => onAcknowledge(e.target.checked)}
                aria-describedby={acknowledgeError ? "acknowledge-error" : undefined}
                className="mt-0.5"
              />
              {t("recent.acknowledge", { receipt: preview.recent.receipt })}
            </label>
            {acknowledgeError ? (
              <p id="acknowledge-error" className="mt-1 text-red-700">
                {acknowledgeError}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="mt-4 flex items-center justify-end gap-3">
        {!refused ? (
          <Button type="button" onClick={onConfirm} disabled={confirming || !canConfirm}>
            {confirming ? t("confirming") : t("confirm")}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
