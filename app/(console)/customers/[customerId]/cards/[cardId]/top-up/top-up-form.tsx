"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { formKey } from "@/components/forms/form-key";
import { useActionState, useEffect } from "react";
import { ContactContextFields } from "@/components/forms/contact-context-fields";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { SelectField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { paymentMethods } from "@/lib/domain/enums";
import { formatMoney } from "@/lib/domain/money";
import { TOP_UP_MAX_MINOR, TOP_UP_MIN_MINOR } from "@/lib/domain/stored-value";
import { topUpAction } from "./actions";

export function TopUpForm({ cardId, idempotencyKey }: { cardId: number; idempotencyKey: string }) {
  const t = useTranslations("desk.topUp");
  const methods = useTranslations("renewals.methods");
  const router = useRouter();
  const [state, action] = useActionState(topUpAction, null);
  useEffect(() => {
    if (state?.ok) router.push(`/payments/${state.data.paymentId}?done=1`);
  }, [state, router]);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form key={formKey(state)} action={action} className="space-y-6" noValidate>
      <input type="hidden" name="cardId" value={cardId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Panel>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            label={t("amount")}
            name="amount"
            inputMode="decimal"
            hint={t("amountHint", {
              min: formatMoney(TOP_UP_MIN_MINOR, "HKD"),
              max: formatMoney(TOP_UP_MAX_MINOR, "HKD"),
            })}
            defaultValue={values?.amount ?? ""}
            error={errors?.amount}
            autoFocus
            required
          />
          <SelectField
            label={t("method")}
            name="method"
            defaultValue={values?.method ?? "fps"}
            error={errors?.method}
            options={paymentMethods.filter((m) => m !== "stored_value").map((m) => ({ value: m, label: methods(m) }))}
          />
          <Field
            label={t("reference")}
            name="reference"
            maxLength={64}
            autoComplete="off"
            inputClassName="font-mono"
            hint={t("referenceHint")}
            defaultValue={values?.reference ?? ""}
            error={errors?.reference}
          />
        </div>
      </Panel>
      <ContactContextFields values={values} errors={errors} />
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <div className="flex justify-end">
        <SubmitButton pendingLabel={t("submitting")}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}
