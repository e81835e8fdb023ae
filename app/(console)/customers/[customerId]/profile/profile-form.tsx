"use client";

import { useTranslations } from "next-intl";
import { formKey } from "@/components/forms/form-key";
import { useActionState } from "react";
import { ContactContextFields } from "@/components/forms/contact-context-fields";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { SelectField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { languages } from "@/lib/domain/enums";
import { updateProfileAction } from "./actions";

/** Opened at `lockVersion`; a save after someone else's is refused with their name (optimistic concurrency). */
export function ProfileForm(props: {
  customerId: number;
  lockVersion: number;
  values: { nameZh: string; nameEn: string; email: string; contactPhone: string; preferredLanguage: string };
}) {
  const t = useTranslations("desk.profile");
  const languageNames = useTranslations("customers.customer.languages");
  const [state, action] = useActionState(updateProfileAction, null);
  // After a save the form carries on from the new version.
  const lockVersion = state?.ok ? state.data.lockVersion : props.lockVersion;
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = (name: keyof typeof props.values) => values?.[name] ?? props.values[name];
  return (
    <form key={formKey(state)} action={action} className="space-y-6" noValidate>
      <input type="hidden" name="customerId" value={props.customerId} />
      <input type="hidden" name="lockVersion" value={lockVersion} />
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <Panel>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t("nameZh")}
            name="nameZh"
            lang="zh"
            maxLength={120}
            defaultValue={v("nameZh")}
            error={errors?.nameZh}
          />
          <Field label={t("nameEn")} name="nameEn" maxLength={120} defaultValue={v("nameEn")} error={errors?.nameEn} />
          <Field label={t("email")} name="email" type="email" defaultValue={v("email")} error={errors?.email} />
          <Field
            label={t("contactPhone")}
            name="contactPhone"
            inputMode="tel"
            hint={t("contactPhoneHint")}
            defaultValue={v("contactPhone")}
            error={errors?.contactPhone}
          />
          <SelectField
            label={t("language")}
            name="preferredLanguage"
            defaultValue={v("preferredLanguage")}
            error={errors?.preferredLanguage}
            options={languages.map((l) => ({ value: l, label: languageNames(l) }))}
          />
        </div>
      </Panel>
      <ContactContextFields values={values} errors={errors} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
      </div>
    </form>
  );
}
