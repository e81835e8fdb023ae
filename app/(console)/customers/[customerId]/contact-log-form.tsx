"use client";

import { useTranslations } from "next-intl";
import { formKey } from "@/components/forms/form-key";
import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SelectField, TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { contactChannels, contactOutcomes } from "@/lib/domain/enums";
import { CONTACT_NOTE_MAX, TICKET_REF_MAX } from "@/lib/validation/contact";
import { logContactAction } from "./contact-actions";

export function ContactLogForm(props: { customerId: number; cards: { id: number; label: string }[]; cardId?: number }) {
  const t = useTranslations("desk.contacts");
  const context = useTranslations("desk.context");
  const [state, action] = useActionState(logContactAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const [outcome, setOutcome] = useState(values?.outcome ?? "reached");
  return (
    <form action={action} className="space-y-3" noValidate key={formKey(state)}>
      <input type="hidden" name="customerId" value={props.customerId} />
      {state?.ok ? <Notice tone="success">{t("logged")}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t("outcome")}
          name="outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          error={errors?.outcome}
          options={contactOutcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
        />
        <SelectField
          label={t("channel")}
          name="channel"
          defaultValue={values?.channel ?? "phone"}
          error={errors?.channel}
          options={contactChannels.map((c) => ({ value: c, label: context(`channels.${c}`) }))}
        />
        <SelectField
          label={t("card")}
          name="cardId"
          defaultValue={values?.cardId ?? (props.cardId ? String(props.cardId) : "")}
          error={errors?.cardId}
          options={[
            { value: "", label: t("anyCard") },
            ...props.cards.map((c) => ({ value: String(c.id), label: c.label })),
          ]}
        />
        {outcome === "call_back" ? (
          <Field
            label={t("callBackAt")}
            name="callBackAt"
            type="datetime-local"
            defaultValue={values?.callBackAt ?? ""}
            error={errors?.callBackAt}
            required
          />
        ) : (
          <Field
            label={context("ticketRef")}
            name="ticketRef"
            maxLength={TICKET_REF_MAX}
            defaultValue={values?.ticketRef ?? ""}
            error={errors?.ticketRef}
          />
        )}
      </div>
      <TextAreaField
        label={t("note")}
        name="note"
        rows={2}
        maxLength={CONTACT_NOTE_MAX}
        defaultValue={values?.note ?? ""}
        error={errors?.note}
      />
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <SubmitButton pendingLabel={t("submitting")}>{t("submit")}</SubmitButton>
    </form>
  );
}
