"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { ContactContextFields, contactContextFrom } from "@/components/forms/contact-context-fields";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { SelectField } from "@/components/ui/select";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { goodwillReasons } from "@/lib/domain/enums";
import { previewBulkGoodwillAction, startBulkGoodwillAction, type BulkPreview } from "./actions";

/** Choose the cards (ticked in the worklist, or every active card), days and reason; preview; confirm. */
export function BulkGoodwillForm(props: { cardIds: number[]; idempotencyKey: string }) {
  const t = useTranslations("desk");
  const common = useTranslations("common");
  const [asking, setAsking] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [scope, setScope] = useState<"selected" | "allActive">(props.cardIds.length ? "selected" : "allActive");
  const [days, setDays] = useState("3");
  const [reasonCode, setReasonCode] = useState<string>("network_outage");
  const [reasonNote, setReasonNote] = useState("");
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [error, setError] = useState<{ message: string; fieldErrors?: Record<string, string> } | null>(null);
  const [previewing, startPreview] = useTransition();
  const [starting, startJob] = useTransition();
  const request = () => ({
    scope,
    cardIds: scope === "selected" ? props.cardIds.join(",") : "",
    days,
    reasonCode: reasonCode as (typeof goodwillReasons)[number],
    reasonNote,
    ...contactContextFrom(formRef.current),
  });
  const edit =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      setPreview(null);
    };

  function onPreview(event: React.FormEvent) {
    event.preventDefault();
    startPreview(async () => {
      const result = await previewBulkGoodwillAction(request());
      if (result.ok) {
        setPreview(result.data);
        setError(null);
      } else setError({ message: result.message, fieldErrors: result.fieldErrors });
    });
  }

  function onConfirm() {
    startJob(async () => {
      const result = await startBulkGoodwillAction({ ...request(), idempotencyKey: props.idempotencyKey });
      if (result && !result.ok) setError({ message: result.message, fieldErrors: result.fieldErrors });
    });
  }

  const fieldError = (name: string) => error?.fieldErrors?.[name];
  return (
    <form ref={formRef} onSubmit={onPreview} className="space-y-6" noValidate>
      <Panel>
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("bulk.scope")}</legend>
          {props.cardIds.length ? (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="scope"
                value="selected"
                checked={scope === "selected"}
                onChange={() => edit(setScope)("selected")}
              />
              {t("bulk.scopeSelected", { count: props.cardIds.length })}
            </label>
          ) : null}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="scope"
              value="allActive"
              checked={scope === "allActive"}
              onChange={() => edit(setScope)("allActive")}
            />
            {t("bulk.scopeAllActive")}
          </label>
          {fieldError("cardIds") ? <p className="text-sm text-red-600">{fieldError("cardIds")}</p> : null}
        </fieldset>
        <div className="mt-4 grid gap-4 sm:grid-cols-3">
          <Field
            label={t("goodwill.days")}
            name="days"
            type="number"
            min={1}
            max={30}
            hint={t("goodwill.daysHint")}
            value={days}
            onChange={(e) => edit(setDays)(e.target.value)}
            error={fieldError("days")}
          />
          <SelectField
            label={t("goodwill.reasonCode")}
            name="reasonCode"
            value={reasonCode}
            onChange={(e) => edit(setReasonCode)(e.target.value)}
            error={fieldError("reasonCode")}
            options={goodwillReasons.map((r) => ({ value: r, label: t(`goodwill.reasons.${r}`) }))}
          />
          <Field
            label={t("goodwill.reasonNote")}
            name="reasonNote"
            maxLength={500}
            hint={t("goodwill.reasonNoteHint")}
            value={reasonNote}
            onChange={(e) => edit(setReasonNote)(e.target.value)}
            error={fieldError("reasonNote")}
          />
        </div>
      </Panel>
      <ContactContextFields errors={error?.fieldErrors} withNote={false} />
      {error ? <Notice tone="error">{error.message}</Notice> : null}
      {!preview ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={previewing} aria-disabled={previewing}>
            {previewing ? t("bulk.previewing") : t("bulk.preview")}
          </Button>
        </div>
      ) : (
        <Panel title={t("bulk.previewTitle")}>
          <p className="text-sm font-semibold text-slate-900" data-testid="bulk-count">
            {t("bulk.count", { count: preview.extended, days: Number(days) })}
          </p>
          <p className="mt-1 text-sm text-slate-700">
            {t("bulk.skipped", { count: preview.skipped.reduce((n, s) => n + s.count, 0) })}
          </p>
          {preview.skipped.length ? (
            <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
              {preview.skipped.map((s) => (
                <li key={s.label}>
                  {s.count} · {s.label}
                </li>
              ))}
            </ul>
          ) : null}
          {preview.sample.length ? (
            <div className="mt-4">
              <Table caption={t("bulk.sample")}>
                <thead>
                  <tr>
                    <Th>{t("bulk.card")}</Th>
                    <Th>{t("goodwill.oldEnd")}</Th>
                    <Th>{t("goodwill.newEnd")}</Th>
                  </tr>
                </thead>
                <TBody>
                  {preview.sample.map((s) => (
                    <tr key={s.cardId}>
                      <Td>#{s.cardId}</Td>
                      <Td>
                        <HkTime value={new Date(s.from)} />
                      </Td>
                      <Td className="font-medium text-emerald-800">
                        <HkTime value={new Date(s.to)} />
                      </Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </div>
          ) : null}
          <div className="mt-4 flex justify-end">
            <Button
              type="button"
              onClick={() => setAsking(true)}
              disabled={starting || preview.extended === 0}
              aria-disabled={starting || preview.extended === 0}
            >
              {starting ? t("bulk.confirming") : t("bulk.confirm")}
            </Button>
          </div>
          <ConfirmDialog
            open={asking}
            variant="primary"
            title={t("bulk.confirmTitle", { count: preview.extended, days: Number(days) })}
            confirmLabel={t("bulk.confirmAction", { count: preview.extended })}
            cancelLabel={common("cancel")}
            onCancel={() => setAsking(false)}
            onConfirm={() => {
              setAsking(false);
              onConfirm();
            }}
          >
            <p>{t("bulk.confirmBody", { days: Number(days) })}</p>
          </ConfirmDialog>
        </Panel>
      )}
    </form>
  );
}
