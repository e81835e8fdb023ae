"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { ContactContextFields, contactContextFrom } from "@/components/forms/contact-context-fields";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { SelectField } from "@/components/ui/select";
import { goodwillReasons, type GoodwillReason } from "@/lib/domain/enums";
import { formatHkt } from "@/lib/domain/format";
import { GOODWILL_MAX_DAYS, GOODWILL_MIN_DAYS } from "@/lib/domain/goodwill";
import { grantGoodwillAction, previewGoodwillAction, type GoodwillPreview } from "./actions";

/**
 * Days and reason, then a server-computed review (old → new end, or why not),
 * then confirm with one idempotency key: a double click extends once.
 */
export function GoodwillForm(props: { cardId: number; cardHref: string; idempotencyKey: string; smsLanguage: string }) {
  const t = useTranslations("desk.goodwill");
  const formRef = useRef<HTMLFormElement>(null);
  const [days, setDays] = useState("7");
  const [reasonCode, setReasonCode] = useState<GoodwillReason>("network_outage");
  const [reasonNote, setReasonNote] = useState("");
  const [preview, setPreview] = useState<GoodwillPreview | null>(null);
  const [error, setError] = useState<{ message: string; fieldErrors?: Record<string, string> } | null>(null);
  const [done, setDone] = useState<{ end: string } | null>(null);
  const [reviewing, startReview] = useTransition();
  const [confirming, startConfirm] = useTransition();
  const request = () => ({
    cardId: props.cardId,
    days,
    reasonCode,
    reasonNote,
    ...contactContextFrom(formRef.current),
  });
  const edit =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      setPreview(null);
      setError(null);
    };

  function review(event: React.FormEvent) {
    event.preventDefault();
    startReview(async () => {
      const result = await previewGoodwillAction(request());
      if (result.ok) {
        setPreview(result.data);
        setError(null);
      } else {
        setPreview(null);
        setError({ message: result.message, fieldErrors: result.fieldErrors });
      }
    });
  }

  function confirm() {
    startConfirm(async () => {
      const result = await grantGoodwillAction({ ...request(), idempotencyKey: props.idempotencyKey });
      if (result.ok) setDone({ end: preview!.newValidityEnd });
      else {
        setPreview(null);
        setError({ message: result.message, fieldErrors: result.fieldErrors });
      }
    });
  }

  if (done) {
    return (
      <div className="space-y-4">
        <Notice tone="success">{t("done", { days: Number(days), end: formatHkt(new Date(done.end)) })}</Notice>
        <Link href={props.cardHref} className={buttonClass("primary")}>
          {t("backToCard")}
        </Link>
      </div>
    );
  }

  const fieldError = (name: string) => error?.fieldErrors?.[name];
  return (
    <form ref={formRef} onSubmit={review} className="space-y-6" noValidate>
      <Panel>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            label={t("days")}
            name="days"
            type="number"
            inputMode="numeric"
            min={GOODWILL_MIN_DAYS}
            max={GOODWILL_MAX_DAYS}
            hint={t("daysHint")}
            value={days}
            onChange={(e) => edit(setDays)(e.target.value)}
            error={fieldError("days")}
            autoFocus
          />
          <SelectField
            label={t("reasonCode")}
            name="reasonCode"
            value={reasonCode}
            onChange={(e) => edit(setReasonCode)(e.target.value as GoodwillReason)}
            error={fieldError("reasonCode")}
            options={goodwillReasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
          />
          <Field
            label={t("reasonNote")}
            name="reasonNote"
            maxLength={500}
            hint={t("reasonNoteHint")}
            value={reasonNote}
            onChange={(e) => edit(setReasonNote)(e.target.value)}
            error={fieldError("reasonNote")}
          />
        </div>
      </Panel>
      <ContactContextFields errors={error?.fieldErrors} />
      {error ? <Notice tone="error">{error.message}</Notice> : null}
      {!preview ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={reviewing} aria-disabled={reviewing}>
            {reviewing ? t("reviewing") : t("review")}
          </Button>
        </div>
      ) : (
        <Panel title={t("reviewTitle")}>
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">{t("oldEnd")}</dt>
              <dd className="font-medium">
                <HkTime value={new Date(preview.previousValidityEnd)} />
              </dd>
            </div>
            {preview.refusals.length === 0 ? (
              <div>
                <dt className="text-slate-500">{t("newEnd")}</dt>
                <dd className="font-semibold text-emerald-800" data-testid="goodwill-new-end">
                  <HkTime value={new Date(preview.newValidityEnd)} />
                </dd>
              </div>
            ) : null}
          </dl>
          {preview.refusals.length > 0 ? (
            <div className="mt-3">
              <Notice tone="error">
                <p className="font-medium">{t("refusedTitle")}</p>
                <ul className="mt-1 list-disc pl-5">
                  {preview.refusals.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </Notice>
            </div>
          ) : (
            <>
              <p className="mt-3 text-sm text-slate-600">{t("noMoney", { language: props.smsLanguage })}</p>
              <div className="mt-4 flex justify-end">
                <Button type="button" onClick={confirm} disabled={confirming} aria-disabled={confirming}>
                  {confirming ? t("confirming") : t("confirm")}
                </Button>
              </div>
            </>
          )}
        </Panel>
      )}
    </form>
  );
}
