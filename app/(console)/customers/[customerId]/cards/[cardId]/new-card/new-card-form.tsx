"use client";

import { ContactContextFields } from "@/components/forms/contact-context-fields";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { cardForms } from "@/lib/domain/enums";
import { issueNewCardAction } from "./actions";

/** New ICCID and new number(s); the server validates each and refuses a number on any live card. */
export function NewCardForm({ cardId, cardHref }: { cardId: number; cardHref: string }) {
  const t = useTranslations("lifecycle");
  const [state, action] = useActionState(issueNewCardAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      {failed ? <Notice tone="error">{failed.message}</Notice> : null}
      <input type="hidden" name="cardId" value={cardId} />
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label={t("newCard.iccid")}
          name="newIccid"
          inputMode="numeric"
          autoComplete="off"
          maxLength={40}
          hint={t("replace.iccidHint")}
          defaultValue={values.newIccid ?? ""}
          error={errors.newIccid}
          autoFocus
        />
        <SelectField
          label={t("newCard.form")}
          name="form"
          defaultValue={values.form ?? "physical"}
          error={errors.form}
          options={cardForms.map((f) => ({ value: f, label: t(`forms.${f}`) }))}
        />
        <Field
          label={t("newCard.hk")}
          name="hkNumber"
          inputMode="tel"
          autoComplete="off"
          hint={t("newCard.hkHint")}
          defaultValue={values.hkNumber ?? ""}
          error={errors.hkNumber}
        />
        <Field
          label={t("newCard.cn")}
          name="cnNumber"
          inputMode="tel"
          autoComplete="off"
          hint={t("newCard.cnHint")}
          defaultValue={values.cnNumber ?? ""}
          error={errors.cnNumber}
        />
      </div>
      <ContactContextFields values={values} errors={errors} withNote={false} />
      <div className="flex gap-3">
        <SubmitButton pendingLabel={t("newCard.pending")}>{t("newCard.submit")}</SubmitButton>
        <Link href={cardHref} className={buttonClass("secondary")}>
          {t("suspend.cancel")}
        </Link>
      </div>
    </form>
  );
}
