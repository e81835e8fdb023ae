"use client";

import { ContactContextFields } from "@/components/forms/contact-context-fields";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { suspendNeedsNote } from "@/lib/domain/card-lifecycle";
import type { SuspendReason } from "@/lib/domain/enums";
import { suspendCardAction } from "./actions";

/** Reason (those the role may not use are shown, disabled), note, ticket; the server checks it all again. */
export function SuspendForm({
  cardId,
  cardHref,
  reasons,
}: {
  cardId: number;
  cardHref: string;
  reasons: { value: SuspendReason; allowed: boolean }[];
}) {
  const t = useTranslations("lifecycle");
  const [state, action] = useActionState(suspendCardAction, null);
  const failed = state && !state.ok ? state : null;
  const [reason, setReason] = useState<string>(failed?.values?.reason ?? "");
  const errors = failed?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      <p className="text-sm text-slate-600">{t("suspend.intro")}</p>
      {failed ? <Notice tone="error">{failed.message}</Notice> : null}
      <input type="hidden" name="cardId" value={cardId} />
      <fieldset aria-describedby={errors.reason ? "field-reason-error" : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("suspend.reason")}</legend>
        <div className="space-y-2">
          {reasons.map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="reason"
                value={option.value}
                disabled={!option.allowed}
                checked={reason === option.value}
                onChange={() => setReason(option.value)}
                required
              />
              <span className={option.allowed ? "text-slate-900" : "text-slate-400"}>
                {t(`reasons.${option.value}`)}
                {option.allowed ? null : ` (${t("suspend.supervisorOnly")})`}
              </span>
            </label>
          ))}
        </div>
        <FieldError id="field-reason" error={errors.reason} />
      </fieldset>
      <TextAreaField
        label={t("suspend.note")}
        name="note"
        rows={3}
        maxLength={500}
        required={reason !== "" && suspendNeedsNote(reason as SuspendReason)}
        defaultValue={failed?.values?.note ?? ""}
        error={errors.note}
      />
      <p className="-mt-4 text-xs text-slate-500">{t("suspend.noteHint")}</p>
      <ContactContextFields values={failed?.values} errors={errors} withNote={false} />
      <div className="flex gap-3">
        <SubmitButton pendingLabel={t("suspend.pending")} variant="danger">
          {t("suspend.submit")}
        </SubmitButton>
        <Link href={cardHref} className={buttonClass("secondary")}>
          {t("suspend.cancel")}
        </Link>
      </div>
    </form>
  );
}
