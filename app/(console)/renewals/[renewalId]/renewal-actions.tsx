"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { methodsNeedingReference, paymentMethods, type PaymentMethod } from "@/lib/domain/enums";
import { Notice } from "@/components/ui/notice";
import { TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { resendNotificationAction, retryActivationAction, voidRenewalAction } from "./actions";

export function RetryActivation({ renewalId }: { renewalId: number }) {
  const t = useTranslations("renewals");
  const [state, action] = useActionState(retryActivationAction, null);
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="renewalId" value={renewalId} />
      <SubmitButton pendingLabel={t("retrying")}>{t("retry")}</SubmitButton>
      {state?.ok ? <span role="status">{t("retried", { outcome: t(`outcomes.${state.data.outcome}`) })}</span> : null}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}

export function ResendSms({ notificationId }: { notificationId: number }) {
  const t = useTranslations("renewals");
  const [state, action] = useActionState(resendNotificationAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="notificationId" value={notificationId} />
      <SubmitButton variant="secondary" pendingLabel={t("resend")} className="px-2 py-1 text-xs">
        {t("resend")}
      </SubmitButton>
      {state?.ok ? (
        <span role="status" className="text-xs text-emerald-700">
          {t("resent")}
        </span>
      ) : null}
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

/**
 * The void and its refund: how the money goes back (the payment's method by
 * default), the refund's own reference for electronic methods, and the reason.
 */
export function VoidRenewal({
  renewalId,
  paymentMethod,
  notActivated,
}: {
  renewalId: number;
  paymentMethod: PaymentMethod;
  notActivated: boolean;
}) {
  const t = useTranslations("renewals");
  const [state, action] = useActionState(voidRenewalAction, null);
  const [refundMethod, setRefundMethod] = useState<PaymentMethod>(paymentMethod);
  if (state?.ok) return <Notice tone="success">{t("voidDone")}</Notice>;
  const needsReference = methodsNeedingReference.includes(refundMethod);
  const shown = new Set(["reason", "refundMethod", "refundReference"]);
  const otherError = state && !state.ok && !Object.keys(state.fieldErrors ?? {}).some((f) => shown.has(f));
  return (
    <form action={action} className="space-y-3">
      <p className="text-sm text-slate-600">{notActivated ? t("voidHintNotActivated") : t("voidHint")}</p>
      <input type="hidden" name="renewalId" value={renewalId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t("refundMethod")}
          name="refundMethod"
          value={refundMethod}
          onChange={(e) => setRefundMethod(e.target.value as PaymentMethod)}
          error={state?.fieldErrors?.refundMethod}
          options={paymentMethods.map((m) => ({
            value: m,
            label: m === paymentMethod ? t("refundMethodOriginal", { method: t(`methods.${m}`) }) : t(`methods.${m}`),
          }))}
        />
        {needsReference ? (
          <Field
            label={t("refundReference")}
            name="refundReference"
            autoComplete="off"
            spellCheck={false}
            maxLength={80}
            className="font-mono"
            hint={t("refundReferenceHint")}
            defaultValue={state && !state.ok ? (state.values?.refundReference ?? "") : ""}
            error={state?.fieldErrors?.refundReference}
          />
        ) : (
          <p className="self-end text-sm text-slate-600">
            {refundMethod === "cash" ? t("refundCashDrawer") : t("refundStoredValue")}
          </p>
        )}
      </div>
      <TextAreaField
        label={t("voidReason")}
        name="reason"
        rows={2}
        maxLength={500}
        required
        defaultValue={state && !state.ok ? (state.values?.reason ?? "") : ""}
        error={state?.fieldErrors?.reason}
      />
      {otherError ? <Notice tone="error">{state.message}</Notice> : null}
      <SubmitButton variant="danger" pendingLabel={t("voiding")}>
        {t("void")}
      </SubmitButton>
    </form>
  );
}

export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
    >
      {label}
    </button>
  );
}
