"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { formKey } from "@/components/forms/form-key";
import { SignedAmountFields } from "@/components/forms/signed-amount-fields";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SelectField, TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/action";
import { currencies } from "@/lib/domain/enums";
import { closeDrawerAction, correctDrawerAction, openDrawerAction, signOffDrawerAction } from "./actions";

type FormAction = (previous: ActionResult<unknown> | null, data: FormData) => Promise<ActionResult<unknown>>;

/** One action's state, refreshing the server-rendered drawer after a success. */
function useDrawerAction(action: FormAction) {
  const router = useRouter();
  const [state, run] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return { state, run, values, errors };
}

function Outcome({ state, done }: { state: ActionResult<unknown> | null; done: string }) {
  if (!state) return null;
  return state.ok ? <Notice tone="success">{done}</Notice> : <Notice tone="error">{state.message}</Notice>;
}

export function OpenDrawerForm({ currenciesOpen }: { currenciesOpen: string[] }) {
  const t = useTranslations("drawer.open");
  const { state, run, values, errors } = useDrawerAction(openDrawerAction as FormAction);
  const choices = currencies.filter((c) => !currenciesOpen.includes(c));
  if (choices.length === 0) return null;
  return (
    <form key={formKey(state)} action={run} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("currency")}
          name="currency"
          defaultValue={values?.currency ?? choices[0]}
          error={errors?.currency}
          options={choices.map((c) => ({ value: c, label: c }))}
        />
        <Field
          label={t("float")}
          name="openingFloat"
          inputMode="decimal"
          hint={t("floatHint")}
          defaultValue={values?.openingFloat ?? ""}
          error={errors?.openingFloat}
          autoFocus={currenciesOpen.length === 0}
          required
        />
      </div>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <div className="flex justify-end">
        <SubmitButton pendingLabel={t("submitting")}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}

export function CloseDrawerForm({ drawerId, currency }: { drawerId: number; currency: string }) {
  const t = useTranslations("drawer.close");
  const { state, run, values, errors } = useDrawerAction(closeDrawerAction as FormAction);
  return (
    <form key={formKey(state)} action={run} className="space-y-4" noValidate aria-label={`${t("title")} ${currency}`}>
      <input type="hidden" name="drawerId" value={drawerId} />
      <Field
        label={t("counted")}
        name="counted"
        id={`counted-${drawerId}`}
        inputMode="decimal"
        hint={t("countedHint")}
        defaultValue={values?.counted ?? ""}
        error={errors?.counted}
        required
      />
      <TextAreaField
        label={t("reason")}
        name="reason"
        id={`reason-${drawerId}`}
        rows={2}
        maxLength={500}
        defaultValue={values?.reason ?? ""}
        error={errors?.reason}
      />
      <p className="text-xs text-slate-500">{t("reasonHint")}</p>
      <Outcome state={state} done={t("done")} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel={t("submitting")}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}

export function SignOffForm({ drawerId }: { drawerId: number }) {
  const t = useTranslations("drawer.signOff");
  const { state, run, values, errors } = useDrawerAction(signOffDrawerAction as FormAction);
  return (
    <form key={formKey(state)} action={run} className="space-y-4" noValidate>
      <input type="hidden" name="drawerId" value={drawerId} />
      <TextAreaField
        label={t("note")}
        name="note"
        rows={2}
        maxLength={500}
        defaultValue={values?.note ?? ""}
        error={errors?.note}
      />
      <Outcome state={state} done={t("done")} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel={t("submitting")}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}

export function CorrectionForm({ drawerId, idempotencyKey }: { drawerId: number; idempotencyKey: string }) {
  const t = useTranslations("drawer.correct");
  const { state, run, values, errors } = useDrawerAction(correctDrawerAction as FormAction);
  return (
    <form key={formKey(state)} action={run} className="space-y-4" noValidate>
      <input type="hidden" name="drawerId" value={drawerId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <p className="text-xs text-slate-500">{t("hint")}</p>
      <SignedAmountFields
        labels={{ direction: t("direction"), add: t("in"), subtract: t("out"), amount: t("amount") }}
        values={values}
        errors={errors}
      />
      <TextAreaField
        label={t("reason")}
        name="reason"
        id={`correction-reason-${drawerId}`}
        rows={2}
        maxLength={500}
        defaultValue={values?.reason ?? ""}
        error={errors?.reason}
        required
      />
      <Outcome state={state} done={t("done")} />
      <div className="flex justify-end">
        <SubmitButton variant="secondary" pendingLabel={t("submitting")}>
          {t("submit")}
        </SubmitButton>
      </div>
    </form>
  );
}
