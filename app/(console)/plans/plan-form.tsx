"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { cn } from "@/components/ui/cn";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/action";
import { dataUnits, extensionModes } from "@/lib/domain/enums";
import { ChineseNameFields } from "./chinese-name-fields";

/** What the form shows before anything is typed: the plan's current values, as an admin would type them. */
export interface PlanFormDefaults {
  code: string;
  nameEn: string;
  nameZh: string;
  nameZhHant: string;
  sortOrder: string;
  validityDays: string;
  dataCn: string;
  dataCnUnit: string;
  dataHk: string;
  dataHkUnit: string;
  priceHkd: string;
  priceCny: string;
  extensionMode: string;
}

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Create and edit share one form. In edit mode the code is fixed, and the
 * hidden lockVersion is the one this page read: a save after someone else's
 * is refused instead of overwriting theirs.
 */
export function PlanForm({
  action,
  defaults,
  edit,
}: {
  action: FormAction;
  defaults: PlanFormDefaults;
  edit?: { planId: number; lockVersion: number; nextVersion: number };
}) {
  const t = useTranslations("plans");
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const value = (name: keyof PlanFormDefaults) => failed?.values?.[name] ?? defaults[name];
  const error = (name: string) => failed?.fieldErrors?.[name];
  const fieldErrorCount = Object.keys(failed?.fieldErrors ?? {}).length;

  return (
    <form action={formAction} noValidate className="space-y-6">
      {failed ? (
        <Notice tone="error">
          {failed.message}
          {edit && fieldErrorCount === 0 ? (
            <>
              {" "}
              <a href={`/plans/${edit.planId}`} className="font-medium underline">
                {t("detail.reload")}
              </a>
            </>
          ) : null}
        </Notice>
      ) : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}

      {edit ? (
        <>
          <input type="hidden" name="planId" value={edit.planId} />
          <input type="hidden" name="lockVersion" value={edit.lockVersion} />
        </>
      ) : null}

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">{t("form.detailsLegend")}</legend>
        {edit ? <p className="-mt-2 text-xs text-slate-500">{t("form.detailsHint")}</p> : null}
        {edit ? null : (
          <Field
            label={t("form.code")}
            name="code"
            defaultValue={value("code")}
            error={error("code")}
            hint={t("form.codeHint")}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            className="max-w-xs"
            required
          />
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t("form.nameEn")}
            name="nameEn"
            defaultValue={value("nameEn")}
            error={error("nameEn")}
            maxLength={120}
            lang="en"
            required
          />
          <ChineseNameFields
            defaults={{ nameZh: value("nameZh"), nameZhHant: value("nameZhHant") }}
            errors={{ nameZh: error("nameZh"), nameZhHant: error("nameZhHant") }}
          />
        </div>
        <Field
          label={t("form.sortOrder")}
          name="sortOrder"
          inputMode="numeric"
          defaultValue={value("sortOrder")}
          error={error("sortOrder")}
          hint={t("form.sortOrderHint")}
          className="max-w-xs"
        />
      </fieldset>

      <fieldset className="space-y-4 rounded-md border border-slate-200 bg-slate-50/60 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">{t("form.termsLegend")}</legend>
        {edit ? (
          <p className="-mt-2 text-xs text-slate-600">{t("form.termsHint", { version: edit.nextVersion })}</p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            label={t("form.validityDays")}
            name="validityDays"
            inputMode="numeric"
            defaultValue={value("validityDays")}
            error={error("validityDays")}
            hint={t("form.validityDaysHint")}
            required
          />
          <DataField
            units={dataUnits}
            name="dataCn"
            label={t("form.dataCn")}
            defaultValue={value("dataCn")}
            unit={value("dataCnUnit")}
            error={error("dataCn") ?? error("dataCnUnit")}
          />
          <DataField
            units={dataUnits}
            name="dataHk"
            label={t("form.dataHk")}
            defaultValue={value("dataHk")}
            unit={value("dataHkUnit")}
            error={error("dataHk") ?? error("dataHkUnit")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            label={t("form.priceHkd")}
            name="priceHkd"
            inputMode="decimal"
            defaultValue={value("priceHkd")}
            error={error("priceHkd")}
            hint={t("form.priceHint")}
            required
          />
          <Field
            label={t("form.priceCny")}
            name="priceCny"
            inputMode="decimal"
            defaultValue={value("priceCny")}
            error={error("priceCny")}
            hint={t("form.priceHint")}
            required
          />
          <SelectField
            // A select keeps its first defaultValue through a form reset; a new key makes it take the echoed value.
            key={value("extensionMode")}
            label={t("form.extensionMode")}
            name="extensionMode"
            defaultValue={value("extensionMode")}
            error={error("extensionMode")}
            options={extensionModes.map((mode) => ({ value: mode, label: t(`mode.${mode}`) }))}
          />
        </div>
        <ul className="space-y-0.5 text-xs text-slate-500">
          {extensionModes.map((mode) => (
            <li key={mode}>{t(`modeHint.${mode}`)}</li>
          ))}
        </ul>
      </fieldset>

      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel={edit ? t("detail.submitting") : t("new.submitting")}>
          {edit ? t("detail.submit") : t("new.submit")}
        </SubmitButton>
      </div>
    </form>
  );
}

/** A size with its unit beside it; the error and hint belong to the number. */
function DataField({
  name,
  label,
  defaultValue,
  unit,
  units,
  error,
}: {
  name: string;
  label: string;
  defaultValue: string;
  unit: string;
  units: readonly string[];
  error?: string;
}) {
  const t = useTranslations("plans.form");
  const id = `field-${name}`;
  const describedBy = [error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          name={name}
          inputMode="decimal"
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cn(inputClass, "min-w-0 flex-1")}
          required
        />
        <div className="w-24 shrink-0">
          <select
            key={unit}
            name={`${name}Unit`}
            defaultValue={unit}
            aria-label={t("dataUnit", { field: label })}
            className={inputClass}
          >
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t("dataHint")}
      </p>
      <FieldError id={id} error={error} />
    </div>
  );
}
