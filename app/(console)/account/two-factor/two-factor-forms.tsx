"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { beginTwoFactorAction, confirmTwoFactorAction } from "../actions";

export function BeginForm() {
  const t = useTranslations("security.twoFactor");
  const [state, formAction] = useActionState(beginTwoFactorAction, null);
  return (
    <form action={formAction} className="space-y-3">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <SubmitButton pendingLabel={t("starting")}>{t("start")}</SubmitButton>
    </form>
  );
}

/** After the first right code: the ten recovery codes, shown this once. */
export function ConfirmForm() {
  const t = useTranslations("security.twoFactor");
  const [state, formAction] = useActionState(confirmTwoFactorAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <Notice tone="success">{state.message}</Notice>
        <p className="font-medium text-slate-900">{t("recoveryTitle")}</p>
        <p>{t("recoveryBody")}</p>
        <ol aria-label={t("recoveryTitle")} className="grid grid-cols-2 gap-1 font-mono text-sm">
          {state.data.recoveryCodes.map((code) => (
            <li key={code} className="rounded bg-slate-100 px-2 py-1">
              {code}
            </li>
          ))}
        </ol>
        <Link href="/customers" className={buttonClass("primary")}>
          {t("done")}
        </Link>
      </div>
    );
  }
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {failed ? <Notice tone="error">{failed.message}</Notice> : null}
      <Field
        label={t("codeLabel")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        error={failed?.fieldErrors?.code}
        hint={t("codeHint")}
        className="max-w-48"
      />
      <SubmitButton pendingLabel={t("confirming")}>{t("confirm")}</SubmitButton>
    </form>
  );
}
