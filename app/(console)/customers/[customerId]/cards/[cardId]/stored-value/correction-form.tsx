"use client";

import { useTranslations } from "next-intl";
import { SignedAmountFields } from "@/components/forms/signed-amount-fields";
import { formKey } from "@/components/forms/form-key";
import { useActionState } from "react";
import { ContactContextFields } from "@/components/forms/contact-context-fields";
import { Notice } from "@/components/ui/notice";
import { TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { correctStoredValueAction } from "./actions";

export function CorrectionForm({ cardId, idempotencyKey }: { cardId: number; idempotencyKey: string }) {
  const t = useTranslations("desk.storedValue");
  const [state, action] = useActionState(correctStoredValueAction, null);
  if (state?.ok) return <Notice tone="success">{state.message}</Notice>;
  const values = state?.values;
  const errors = state?.fieldErrors;
  return (
    <form key={formKey(state)} action={action} className="space-y-4" noValidate>
      <input type="hidden" name="cardId" value={cardId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <SignedAmountFields
        labels={{ direction: t("direction"), add: t("add"), subtract: t("subtract"), amount: t("amount") }}
        values={values}
        errors={errors}
      />
      <TextAreaField
        label={t("reason")}
        name="reason"
        rows={2}
        maxLength={500}
        required
        defaultValue={values?.reason ?? ""}
        error={errors?.reason}
      />
      <ContactContextFields values={values} errors={errors} />
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <SubmitButton pendingLabel={t("submitting")}>{t("submit")}</SubmitButton>
    </form>
  );
}
