"use client";

import { ContactContextFields } from "@/components/forms/contact-context-fields";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { LiftCheck } from "@/lib/domain/card-lifecycle";
import { liftSuspensionAction } from "./actions";

/** The check the suspension's reason needs, an optional (or, for a supervisor's lift, required) note, a ticket. */
export function LiftForm({ cardId, cardHref, checks }: { cardId: number; cardHref: string; checks: LiftCheck[] }) {
  const t = useTranslations("lifecycle");
  const [state, action] = useActionState(liftSuspensionAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      {failed ? <Notice tone="error">{failed.message}</Notice> : null}
      <input type="hidden" name="cardId" value={cardId} />
      {checks.includes("identity") ? (
        <div>
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="identityChecked"
              id="field-identityChecked"
              className="mt-1"
              aria-describedby={errors.identityChecked ? "field-identityChecked-error" : undefined}
              defaultChecked={failed?.values?.identityChecked === "on"}
            />
            <span>{t("lift.identity")}</span>
          </label>
          <FieldError id="field-identityChecked" error={errors.identityChecked} />
        </div>
      ) : null}
      <TextAreaField
        label={t("lift.note")}
        name="note"
        rows={3}
        maxLength={500}
        required={checks.includes("reason")}
        defaultValue={failed?.values?.note ?? ""}
        error={errors.note}
      />
      <p className="-mt-4 text-xs text-slate-500">{t("lift.noteHint")}</p>
      <ContactContextFields values={failed?.values} errors={errors} withNote={false} />
      <div className="flex gap-3">
        <SubmitButton pendingLabel={t("lift.pending")}>{t("lift.submit")}</SubmitButton>
        <Link href={cardHref} className={buttonClass("secondary")}>
          {t("suspend.cancel")}
        </Link>
      </div>
    </form>
  );
}
