"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { formKey } from "@/components/forms/form-key";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SelectField, TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { settlementResolutions } from "@/lib/domain/enums";
import { resolveLineAction } from "../../actions";

/** Resolve one exception with a note; the server refuses a second resolution. */
export function ResolveForm({ lineId, renewalId }: { lineId: number; renewalId: number | null }) {
  const t = useTranslations("reconciliation");
  const router = useRouter();
  const [state, action] = useActionState(resolveLineAction, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form key={formKey(state)} action={action} className="space-y-4" noValidate>
      <input type="hidden" name="lineId" value={lineId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("line.resolution")}
          name="resolution"
          defaultValue={values?.resolution ?? (renewalId ? "linked_renewal" : "written_off")}
          error={errors?.resolution}
          options={settlementResolutions.map((r) => ({ value: r, label: t(`resolutions.${r}`) }))}
          autoFocus
        />
        <Field
          label={t("line.renewalId")}
          name="renewalId"
          inputMode="numeric"
          hint={t("line.renewalHint")}
          defaultValue={values?.renewalId ?? (renewalId ? String(renewalId) : "")}
          error={errors?.renewalId}
        />
      </div>
      <TextAreaField
        label={t("line.note")}
        name="note"
        rows={3}
        maxLength={500}
        defaultValue={values?.note ?? ""}
        error={errors?.note}
        required
      />
      <p className="text-xs text-slate-500">{t("line.noteHint")}</p>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{t("line.done")}</Notice> : null}
      <div className="flex justify-end">
        <SubmitButton pendingLabel={t("line.submitting")}>{t("line.submit")}</SubmitButton>
      </div>
    </form>
  );
}
