"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { formKey } from "@/components/forms/form-key";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { exportKinds } from "@/lib/domain/enums";
import { createExportJobAction } from "./actions";

/** Queues an export for the worker; one idempotency key per page render, so a double click is one job. */
export function BackgroundExportForm({
  from,
  to,
  idempotencyKey,
}: {
  from: string;
  to: string;
  idempotencyKey: string;
}) {
  const t = useTranslations("reconciliation");
  const router = useRouter();
  const [state, action] = useActionState(createExportJobAction, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form key={formKey(state)} action={action} className="space-y-4" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t("exports.kind")}
          name="kind"
          defaultValue={values?.kind ?? "payments"}
          options={exportKinds.map((k) => ({ value: k, label: t(`exports.kinds.${k}`) }))}
        />
        <Field
          label={t("exports.from")}
          name="from"
          id="job-from"
          type="date"
          defaultValue={values?.from ?? from}
          error={errors?.from}
          required
        />
        <Field label={t("exports.to")} name="to" id="job-to" type="date" defaultValue={values?.to ?? to} required />
      </div>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{t("jobs.queued")}</Notice> : null}
      <div className="flex justify-end">
        <SubmitButton pendingLabel={t("jobs.submitting")}>{t("jobs.submit")}</SubmitButton>
      </div>
    </form>
  );
}
