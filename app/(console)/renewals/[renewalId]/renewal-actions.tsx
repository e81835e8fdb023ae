"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ContactContextFields } from "@/components/forms/contact-context-fields";
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

export function VoidRenewal({ renewalId }: { renewalId: number }) {
  const t = useTranslations("renewals");
  const [state, action] = useActionState(voidRenewalAction, null);
  if (state?.ok) return <Notice tone="success">{t("voidDone")}</Notice>;
  return (
    <form action={action} className="space-y-3">
      <p className="text-sm text-slate-600">{t("voidHint")}</p>
      <input type="hidden" name="renewalId" value={renewalId} />
      <TextAreaField
        label={t("voidReason")}
        name="reason"
        rows={2}
        maxLength={500}
        required
        defaultValue={state?.values?.reason ?? ""}
        error={state?.fieldErrors?.reason}
      />
      <ContactContextFields values={state?.values} errors={state?.fieldErrors} withNote={false} />
      {state && !state.ok && !state.fieldErrors?.reason ? <Notice tone="error">{state.message}</Notice> : null}
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
