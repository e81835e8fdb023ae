"use client";

import { useTranslations } from "next-intl";
import { formKey } from "@/components/forms/form-key";
import { useActionState } from "react";
import { ContactContextFields } from "@/components/forms/contact-context-fields";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { realNameDocuments, realNameStatuses } from "@/lib/domain/enums";
import { updateRealNameAction } from "./actions";

export function RealNameForm(props: {
  numberId: number;
  current: { status: string; document: string | null; last4: string | null; deadline: string | null };
}) {
  const t = useTranslations("desk.realName");
  const [state, action] = useActionState(updateRealNameAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form key={formKey(state)} action={action} className="space-y-4" noValidate>
      <input type="hidden" name="numberId" value={props.numberId} />
      {state?.ok ? <Notice tone="success">{t("saved")}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("statusLabel")}
          name="status"
          defaultValue={values?.status ?? props.current.status}
          error={errors?.status}
          options={realNameStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Field
          label={t("deadline")}
          name="deadline"
          type="date"
          hint={t("deadlineHint")}
          defaultValue={values?.deadline ?? props.current.deadline ?? ""}
          error={errors?.deadline}
        />
        <SelectField
          label={t("document")}
          name="document"
          defaultValue={values?.document ?? props.current.document ?? ""}
          error={errors?.document}
          options={[
            { value: "", label: t("noDocument") },
            ...realNameDocuments.map((d) => ({ value: d, label: t(`documents.${d}`) })),
          ]}
        />
        <Field
          label={t("last4")}
          name="last4"
          maxLength={4}
          autoComplete="off"
          hint={t("last4Hint")}
          defaultValue={values?.last4 ?? props.current.last4 ?? ""}
          error={errors?.last4}
        />
      </div>
      <ContactContextFields values={values} errors={errors} />
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
