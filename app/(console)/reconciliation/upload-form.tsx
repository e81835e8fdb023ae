"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { SelectField } from "@/components/ui/select";
import { Table, Td, Th, TBody } from "@/components/ui/table";
import type { ActionResult } from "@/lib/action";
import { currencies, genericSettlementMethods, settlementFormats, type SettlementFormat } from "@/lib/domain/enums";
import { formatHkt } from "@/lib/domain/format";
import { formatMoney } from "@/lib/domain/money";
import { SETTLEMENT_MAX_BYTES } from "@/lib/domain/settlement/limits";
import { importSettlementAction, previewSettlementAction, type SettlementPreview } from "./actions";

export interface SavedMapping {
  referenceColumn: string;
  amountColumn: string;
  timeColumn: string;
  currencyColumn: string | null;
  defaultCurrency: "HKD" | "CNY";
}

const maxMb = SETTLEMENT_MAX_BYTES / 1024 / 1024;

/**
 * Upload, preview, confirm. The preview parses on the server and stores
 * nothing; confirm sends the same file again with one idempotency key, so a
 * double click imports once. The form is never reset between the two, so the
 * file confirmed is the file previewed.
 */
export function UploadForm({ mappings }: { mappings: Partial<Record<string, SavedMapping>> }) {
  const t = useTranslations("reconciliation.upload");
  const formats = useTranslations("reconciliation.formats");
  const methods = useTranslations("renewals.methods");
  const locale = useLocale();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [format, setFormat] = useState<SettlementFormat>("wechat_pay");
  const [method, setMethod] = useState<string>("fps");
  const [preview, setPreview] = useState<SettlementPreview | null>(null);
  const [failure, setFailure] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const mapping = mappings[method];

  function reset() {
    setPreview(null);
    setFailure(null);
    setKey(null);
  }

  function submitPreview(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    if (file instanceof File && file.size > SETTLEMENT_MAX_BYTES) {
      const message = t("tooLarge", { size: (file.size / 1024 / 1024).toFixed(1), maxMb });
      setFailure({ ok: false, message, fieldErrors: { file: message } });
      return;
    }
    start(async () => {
      const result = await previewSettlementAction(data as never);
      if (result.ok) {
        setPreview(result.data);
        setKey(crypto.randomUUID());
      } else setFailure(result);
    });
  }

  function confirm() {
    if (!form.current || !key) return;
    const data = new FormData(form.current);
    data.set("idempotencyKey", key);
    start(async () => {
      const result = await importSettlementAction(data as never);
      if (result.ok) router.push(`/reconciliation/${result.data.fileId}?imported=1`);
      else {
        setPreview(null);
        setFailure(result);
      }
    });
  }

  const errors = failure?.fieldErrors;
  return (
    <Panel title={t("title")}>
      <form ref={form} onSubmit={submitPreview} className="space-y-4" noValidate aria-busy={pending}>
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label={t("format")}
            name="format"
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as SettlementFormat);
              reset();
            }}
            options={settlementFormats.map((f) => ({ value: f, label: formats(f) }))}
          />
          <Field
            label={t("file")}
            name="file"
            type="file"
            accept=".csv,text/csv"
            hint={t("fileHint", { maxMb })}
            error={errors?.file}
            onChange={reset}
            required
          />
          {format === "generic" ? (
            <SelectField
              label={t("method")}
              name="method"
              value={method}
              onChange={(e) => setMethod(e.target.value)}
              error={errors?.method}
              options={genericSettlementMethods.map((m) => ({ value: m, label: methods(m) }))}
            />
          ) : null}
        </div>
        {format === "generic" ? (
          <fieldset key={method} className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
            <legend className="px-1 text-sm font-medium text-slate-700">{t("mappingTitle")}</legend>
            <Field
              label={t("referenceColumn")}
              name="referenceColumn"
              defaultValue={mapping?.referenceColumn ?? "Transaction reference"}
              error={errors?.referenceColumn}
            />
            <Field
              label={t("amountColumn")}
              name="amountColumn"
              defaultValue={mapping?.amountColumn ?? "Amount"}
              error={errors?.amountColumn}
            />
            <Field
              label={t("timeColumn")}
              name="timeColumn"
              defaultValue={mapping?.timeColumn ?? "Value date"}
              error={errors?.timeColumn}
            />
            <Field
              label={t("currencyColumn")}
              name="currencyColumn"
              defaultValue={mapping ? (mapping.currencyColumn ?? "") : "Currency"}
            />
            <SelectField
              label={t("defaultCurrency")}
              name="defaultCurrency"
              defaultValue={mapping?.defaultCurrency ?? "HKD"}
              options={currencies.map((c) => ({ value: c, label: c }))}
            />
          </fieldset>
        ) : null}
        {failure ? <Notice tone="error">{failure.message}</Notice> : null}
        {!preview ? (
          <div className="flex justify-end">
            <Button type="submit" disabled={pending} aria-disabled={pending}>
              {pending ? t("previewing") : t("preview")}
            </Button>
          </div>
        ) : null}
      </form>
      {preview ? (
        <section aria-labelledby="preview-title" className="mt-4 space-y-3 border-t border-slate-100 pt-4">
          <h3 id="preview-title" className="text-sm font-semibold text-slate-800">
            {t("previewTitle", { fileName: preview.fileName })}
          </h3>
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">{t("lines")}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid="preview-lines">
                {preview.lines}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("period")}</dt>
              <dd>
                {formatHkt(new Date(preview.periodFrom), { dateOnly: true, locale })} –{" "}
                {formatHkt(new Date(preview.periodTo), { dateOnly: true, locale })}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("ignored")}</dt>
              <dd className="tabular-nums">{preview.ignored}</dd>
            </div>
          </dl>
          <Table caption={t("previewTitle", { fileName: preview.fileName })}>
            <thead>
              <tr>
                <Th>{t("currency")}</Th>
                <Th numeric>{t("lines")}</Th>
                <Th numeric>{t("payments")}</Th>
                <Th numeric>{t("refunds")}</Th>
              </tr>
            </thead>
            <TBody>
              {preview.totals.map((row) => (
                <tr key={row.currency}>
                  <Td>{row.currency}</Td>
                  <Td numeric>{row.count}</Td>
                  <Td numeric>{formatMoney(row.payments, row.currency, locale)}</Td>
                  <Td numeric>{formatMoney(row.refunds, row.currency, locale)}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <p className="text-sm text-slate-600">{t("previewNote")}</p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={reset} disabled={pending}>
              {t("another")}
            </Button>
            <Button onClick={confirm} disabled={pending} aria-disabled={pending} autoFocus>
              {pending ? t("confirming") : t("confirm", { lines: preview.lines })}
            </Button>
          </div>
        </section>
      ) : null}
    </Panel>
  );
}
