"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { SelectField, TextAreaField } from "@/components/ui/select";
import { contactChannels } from "@/lib/domain/enums";
import { CONTACT_NOTE_MAX, TICKET_REF_MAX } from "@/lib/validation/contact";

/**
 * The record of contact every write may carry: ticket reference, channel and
 * note (lib/validation/contact.ts). Optional for agents; a supervisor action
 * adds its own required reason field beside these.
 */
export function ContactContextFields({
  values,
  errors,
  withNote = true,
}: {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  withNote?: boolean;
}) {
  const t = useTranslations("desk.context");
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("legend")}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t("ticketRef")}
          name="ticketRef"
          maxLength={TICKET_REF_MAX}
          autoComplete="off"
          placeholder="ZD-48213"
          defaultValue={values?.ticketRef ?? ""}
          error={errors?.ticketRef}
        />
        <SelectField
          label={t("channel")}
          name="channel"
          defaultValue={values?.channel ?? ""}
          error={errors?.channel}
          options={[
            { value: "", label: t("noChannel") },
            ...contactChannels.map((c) => ({ value: c, label: t(`channels.${c}`) })),
          ]}
        />
      </div>
      {withNote ? (
        <TextAreaField
          label={t("note")}
          name="note"
          rows={2}
          maxLength={CONTACT_NOTE_MAX}
          defaultValue={values?.note ?? ""}
          error={errors?.note}
        />
      ) : null}
    </fieldset>
  );
}

/** The record-of-contact fields of a form, for actions called with a plain object. */
export function contactContextFrom(form: HTMLFormElement | null): Record<string, string> {
  if (!form) return {};
  const data = new FormData(form);
  const out: Record<string, string> = {};
  for (const key of ["ticketRef", "channel", "note"]) {
    const value = data.get(key);
    if (typeof value === "string" && value.trim()) out[key] = value;
  }
  return out;
}
