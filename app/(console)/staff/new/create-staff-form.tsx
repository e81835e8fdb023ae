"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/action";
import { staffRoles } from "@/lib/domain/enums";
import { GeneratedPassword } from "../generated-password";
import { PasswordChoice } from "../password-choice";

type Created = { staffId: number; name: string; generatedPassword: string | null };

type Props = {
  action: (previous: ActionResult<Created> | null, formData: FormData) => Promise<ActionResult<Created>>;
  passwordMinLength: number;
};

/** "Add another" starts a fresh form (and forgets the password just shown). */
export function CreateStaffForm(props: Props) {
  const [round, setRound] = useState(0);
  return <CreateStaffRound key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function CreateStaffRound({ action, passwordMinLength, onAnother }: Props & { onAnother: () => void }) {
  const t = useTranslations("staff");
  const common = useTranslations("common");
  const [state, formAction] = useActionState(action, null);

  if (state?.ok) {
    const created = state.data;
    return (
      <div className="space-y-4">
        <Notice tone="success">{state.message}</Notice>
        {created.generatedPassword ? <GeneratedPassword password={created.generatedPassword} /> : null}
        <div className="flex flex-wrap gap-4 text-sm">
          <Link href={`/staff/${created.staffId}`} className="font-medium text-brand-700 hover:underline">
            {t("new.open", { name: created.name })}
          </Link>
          <Button
            variant="ghost"
            className="px-0 py-0 text-brand-700 hover:bg-transparent hover:underline"
            onClick={onAnother}
          >
            {t("new.another")}
          </Button>
        </div>
      </div>
    );
  }

  const failed = state && !state.ok ? state : null;
  const error = (name: string) => failed?.fieldErrors?.[name];
  return (
    <form action={formAction} noValidate className="space-y-4">
      {failed ? <Notice tone="error">{failed.message}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("form.email")}
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={failed?.values?.email ?? ""}
          error={error("email")}
          required
        />
        <Field
          label={t("form.name")}
          name="name"
          autoComplete="off"
          defaultValue={failed?.values?.name ?? ""}
          error={error("name")}
          maxLength={120}
          required
        />
      </div>
      <SelectField
        // A select keeps its first defaultValue through a form reset; a new key makes it take the echoed value.
        key={failed?.values?.role ?? "agent"}
        label={t("form.role")}
        name="role"
        defaultValue={failed?.values?.role ?? "agent"}
        error={error("role")}
        className="max-w-xs"
        options={staffRoles.map((role) => ({ value: role, label: common(`roles.${role}`) }))}
      />
      <ul className="space-y-0.5 text-xs text-slate-500">
        {staffRoles.map((role) => (
          <li key={role}>{t("roleHintLine", { role: common(`roles.${role}`), hint: t(`roleHint.${role}`) })}</li>
        ))}
      </ul>
      <PasswordChoice
        key={failed?.values?.mode ?? "generate"}
        idPrefix="create"
        defaultMode={failed?.values?.mode ?? "generate"}
        error={error("password") ?? error("mode")}
        minLength={passwordMinLength}
      />
      <SubmitButton pendingLabel={t("new.submitting")}>{t("new.submit")}</SubmitButton>
    </form>
  );
}
