"use client";

import { ContactContextFields } from "@/components/forms/contact-context-fields";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  cardForms,
  currencies,
  methodsNeedingReference,
  paymentMethods,
  replacementReasons,
  simHandovers,
  type Currency,
  type PaymentMethod,
} from "@/lib/domain/enums";
import { replaceCardAction } from "./actions";

function Choice<T extends string>({
  legend,
  name,
  values,
  value,
  onChange,
  label,
  error,
  disabled,
}: {
  legend: string;
  name: string;
  values: readonly T[];
  value: T | "";
  onChange: (value: T) => void;
  label: (value: T) => string;
  error?: string;
  disabled?: (value: T) => boolean;
}) {
  return (
    <fieldset aria-describedby={error ? `field-${name}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {values.map((v) => (
          <label
            key={v}
            className={cn(
              "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm focus-within:ring-2 focus-within:ring-brand-600/30",
              value === v ? "border-brand-600 bg-brand-50" : "border-slate-200",
              disabled?.(v) && "opacity-50",
            )}
          >
            <input
              type="radio"
              name={name}
              value={v}
              checked={value === v}
              disabled={disabled?.(v)}
              onChange={() => onChange(v)}
            />
            {label(v)}
          </label>
        ))}
      </div>
      <FieldError id={`field-${name}`} error={error} />
    </fieldset>
  );
}

/** Why, which SIM, how it reaches the customer, the new ICCID, and the fee (paid like a renewal, or waived). */
export function ReplaceForm({
  cardId,
  cardHref,
  defaultReason,
  fees,
  balance,
  mayWaive,
}: {
  cardId: number;
  cardHref: string;
  defaultReason: "lost" | "stolen" | null;
  fees: Record<Currency, string>;
  balance: string;
  mayWaive: boolean;
}) {
  const t = useTranslations("lifecycle");
  const tRenew = useTranslations("renewals");
  const [state, action] = useActionState(replaceCardAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values ?? {};
  const [reason, setReason] = useState<(typeof replacementReasons)[number] | "">(defaultReason ?? "");
  const [form, setForm] = useState<(typeof cardForms)[number]>("physical");
  const [handover, setHandover] = useState<(typeof simHandovers)[number]>("pickup");
  const [currency, setCurrency] = useState<Currency>("HKD");
  const [method, setMethod] = useState<PaymentMethod | "">("");
  const [waive, setWaive] = useState(false);
  const needsReference = method !== "" && methodsNeedingReference.includes(method);

  return (
    <form action={action} className="space-y-5" noValidate>
      {failed ? <Notice tone="error">{failed.message}</Notice> : null}
      <input type="hidden" name="cardId" value={cardId} />
      <Choice
        legend={t("replace.reason")}
        name="reason"
        values={replacementReasons}
        value={reason}
        onChange={setReason}
        label={(v) => t(`replacementReasons.${v}`)}
        error={errors.reason}
      />
      <Choice
        legend={t("replace.form")}
        name="form"
        values={cardForms}
        value={form}
        onChange={setForm}
        label={(v) => t(`forms.${v}`)}
        error={errors.form}
      />
      <Field
        label={t("replace.iccid")}
        name="newIccid"
        inputMode="numeric"
        autoComplete="off"
        maxLength={40}
        hint={t("replace.iccidHint")}
        defaultValue={values.newIccid ?? ""}
        error={errors.newIccid}
        className="max-w-md"
      />
      {form === "physical" ? (
        <>
          <Choice
            legend={t("replace.handover")}
            name="handover"
            values={simHandovers}
            value={handover}
            onChange={setHandover}
            label={(v) => t(`handovers.${v}`)}
            error={errors.handover}
          />
          {handover === "delivery" ? (
            <TextAreaField
              label={t("replace.address")}
              name="deliveryAddress"
              rows={2}
              maxLength={300}
              defaultValue={values.deliveryAddress ?? ""}
              error={errors.deliveryAddress}
            />
          ) : null}
        </>
      ) : null}

      <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">{t("replace.fee")}</legend>
        <p className="text-sm text-slate-700" data-testid="fee">
          {t("replace.feeAmount", { hkd: fees.HKD, cny: fees.CNY })}
        </p>
        <Choice
          legend={t("replace.currency")}
          name="currency"
          values={currencies}
          value={currency}
          onChange={setCurrency}
          label={(c) => `${c} ${fees[c]}`}
          error={errors.currency}
          disabled={(c) => method === "stored_value" && c === "CNY"}
        />
        {mayWaive ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="waive" checked={waive} onChange={(e) => setWaive(e.target.checked)} />
            {t("replace.waive")}
          </label>
        ) : null}
        {waive ? (
          <TextAreaField
            label={t("replace.waiveReason")}
            name="waiveReason"
            rows={2}
            maxLength={500}
            defaultValue={values.waiveReason ?? ""}
            error={errors.waiveReason}
          />
        ) : (
          <>
            <Choice
              legend={t("replace.method")}
              name="method"
              values={paymentMethods}
              value={method}
              onChange={(m) => {
                setMethod(m);
                if (m === "stored_value") setCurrency("HKD");
              }}
              label={(m) => tRenew(`methods.${m}`)}
              error={errors.method}
            />
            {method === "stored_value" ? (
              <p className="-mt-2 text-xs text-slate-600">{tRenew("storedValueBalance", { balance })}</p>
            ) : null}
            {needsReference ? (
              <Field
                label={t("replace.reference")}
                name="reference"
                autoComplete="off"
                maxLength={64}
                hint={t("replace.referenceHint")}
                defaultValue={values.reference ?? ""}
                error={errors.reference}
                className="max-w-md"
              />
            ) : null}
          </>
        )}
      </fieldset>

      <ContactContextFields values={values} errors={errors} withNote={false} />
      <div className="flex gap-3">
        <SubmitButton pendingLabel={t("replace.pending")}>{t("replace.submit")}</SubmitButton>
        <Link href={cardHref} className={buttonClass("secondary")}>
          {t("suspend.cancel")}
        </Link>
      </div>
    </form>
  );
}
