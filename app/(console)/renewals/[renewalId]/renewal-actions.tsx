"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ContactContextFields } from "@/components/forms/contact-context-fields";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { methodsNeedingReference, paymentMethods, type PaymentMethod } from "@/lib/domain/enums";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toaster";
import { TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { resendNotificationAction, voidRenewalAction } from "./actions";

/**
 * A copy of a sent SMS, with the record of contact (ticket, channel, note)
 * like every other write: "Resend…" opens the fields, focus goes to the first.
 */
export function ResendSms({ notificationId }: { notificationId: number }) {
  const t = useTranslations("renewals");
  const common = useTranslations("common");
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [state, action] = useActionState(
    async (previous: Awaited<ReturnType<typeof resendNotificationAction>> | null, formData: FormData) => {
      const result = await resendNotificationAction(previous, formData);
      if (result.ok) {
        toast(t("resent"));
        setSent(true);
        setOpen(false);
      }
      return result;
    },
    null,
  );
  const wasOpen = useRef(false);
  // Opening moves focus to the first field; closing (sent, cancelled, Escape) gives it back to "Resend…".
  useEffect(() => {
    if (open) form.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open)
    return (
      <div className="flex shrink-0 items-center gap-2">
        {sent ? <span className="text-xs text-emerald-700">{t("resent")}</span> : null}
        <Button
          ref={opener}
          variant="secondary"
          aria-expanded={false}
          className="whitespace-nowrap px-2 py-1 text-xs"
          onClick={() => {
            setSent(false);
            setOpen(true);
          }}
        >
          {t("resendOpen")}
        </Button>
      </div>
    );
  return (
    <form
      ref={form}
      action={action}
      className="basis-full space-y-3 rounded-md bg-slate-50 p-3"
      onKeyDown={(e) => {
        if (e.key === "Escape") setOpen(false);
      }}
    >
      <input type="hidden" name="notificationId" value={notificationId} />
      <ContactContextFields
        values={state && !state.ok ? state.values : undefined}
        errors={state && !state.ok ? state.fieldErrors : undefined}
      />
      <div className="flex items-center gap-2">
        <SubmitButton pendingLabel={t("resend")}>{t("resendConfirm")}</SubmitButton>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          {common("cancel")}
        </Button>
        {state && !state.ok ? (
          <span role="alert" className="text-sm text-red-700">
            {state.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}

/**
 * The void and its refund: how the money goes back (the payment's method by
 * default), the refund's own reference for electronic methods, and the reason;
 * a dialog states the amount and what will happen before anything is sent.
 */
export function VoidRenewal({
  renewalId,
  paymentMethod,
  notActivated,
  amount,
  validityBackTo,
}: {
  renewalId: number;
  paymentMethod: PaymentMethod;
  notActivated: boolean;
  /** The refund, formatted ("HK$88.00"). */
  amount: string;
  /** The validity end the card returns to, formatted in Hong Kong time. */
  validityBackTo: string;
}) {
  const t = useTranslations("renewals");
  const common = useTranslations("common");
  const toast = useToast();
  // Toasted from the action itself: a void re-renders the receipt without this form, before any effect of it could run.
  const [state, action] = useActionState(
    async (previous: Awaited<ReturnType<typeof voidRenewalAction>> | null, formData: FormData) => {
      const result = await voidRenewalAction(previous, formData);
      if (result.ok) toast(t("voidDone"));
      return result;
    },
    null,
  );
  const [refundMethod, setRefundMethod] = useState<PaymentMethod>(paymentMethod);
  const [asking, setAsking] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // The toast announces it; the form gives way to a plain line, so it is not said twice.
  if (state?.ok)
    return (
      <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {t("voidDone")}
      </p>
    );
  const needsReference = methodsNeedingReference.includes(refundMethod);
  const shown = new Set(["reason", "refundMethod", "refundReference", "ticketRef", "channel"]);
  const otherError = state && !state.ok && !Object.keys(state.fieldErrors ?? {}).some((f) => shown.has(f));
  return (
    <form ref={form} action={action} className="space-y-3">
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
            inputClassName="font-mono"
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
      <ContactContextFields values={state?.values} errors={state?.fieldErrors} withNote={false} />
      {otherError ? <Notice tone="error">{state.message}</Notice> : null}
      <VoidButton label={t("void")} pendingLabel={t("voiding")} onClick={() => setAsking(true)} />
      <ConfirmDialog
        open={asking}
        title={t("voidConfirmTitle", { id: renewalId, amount })}
        confirmLabel={t("voidConfirm", { amount })}
        cancelLabel={common("cancel")}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          form.current?.requestSubmit();
        }}
      >
        <p>
          {refundMethod === "stored_value"
            ? t("voidConfirmRefundBalance", { amount })
            : t("voidConfirmRefund", { amount, method: t(`methods.${refundMethod}`) })}
        </p>
        <p>{t("voidConfirmValidity", { end: validityBackTo })}</p>
        <p>{t("voidConfirmSms")}</p>
      </ConfirmDialog>
    </form>
  );
}

/** Asks first: the dialog's confirm submits the form. Disabled while the void is on its way. */
function VoidButton({ label, pendingLabel, onClick }: { label: string; pendingLabel: string; onClick: () => void }) {
  const { pending } = useFormStatus();
  return (
    <Button variant="danger" onClick={onClick} disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </Button>
  );
}
