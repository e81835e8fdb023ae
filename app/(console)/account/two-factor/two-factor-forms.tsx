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

/**
 * The QR code, the key and the first code; after the first right code, the
 * ten recovery codes instead, shown this once.
 */
export function ScanAndConfirm({ qrSvg, groupedKey }: { qrSvg: string; groupedKey: string }) {
  const t = useTranslations("security.twoFactor");
  const [state, formAction] = useActionState(confirmTwoFactorAction, null);
  if (state?.ok) {
    return (
      <div className="max-w-xl space-y-3 text-sm text-slate-700">
        <Notice tone="success">{state.message}</Notice>
        <h2 className="font-semibold text-slate-900">{t("recoveryTitle")}</h2>
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
    <>
      <h2 className="mb-4 text-sm font-semibold text-slate-900">{t("scanTitle")}</h2>
      <div className="flex flex-wrap gap-6">
        <div
          role="img"
          aria-label={t("qrLabel")}
          className="h-[200px] w-[200px] shrink-0 rounded border border-slate-200 bg-white"
          // SVG markup the server rendered from our own otpauth URI (qrcode), never user input.
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <div className="min-w-0 flex-1 space-y-3 text-sm text-slate-700">
          <p>{t("scanBody")}</p>
          <p>
            {t("manualKey")}{" "}
            <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono">
              {groupedKey}
            </code>
          </p>
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
        </div>
      </div>
    </>
  );
}
