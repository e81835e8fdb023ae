"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/action";
import { staffRoles, type Role } from "@/lib/domain/enums";
import { changeStaffRoleAction, resetStaffPasswordAction, setStaffDisabledAction } from "../actions";
import { GeneratedPassword } from "../generated-password";
import { PasswordChoice } from "../password-choice";

function Result({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}

export function RoleForm({ staffId, role }: { staffId: number; role: Role }) {
  const t = useTranslations("staff");
  const common = useTranslations("common");
  const [state, formAction] = useActionState(changeStaffRoleAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-3">
      <Result state={state && !failed?.fieldErrors?.role ? state : null} />
      <input type="hidden" name="staffId" value={staffId} />
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          // A select keeps its first defaultValue through a form reset; a new key makes it take the new one.
          key={failed?.values?.role ?? role}
          label={t("form.role")}
          name="role"
          defaultValue={failed?.values?.role ?? role}
          error={failed?.fieldErrors?.role}
          className="w-48"
          options={staffRoles.map((r) => ({ value: r, label: common(`roles.${r}`) }))}
        />
        <SubmitButton variant="secondary" pendingLabel={t("detail.changingRole")}>
          {t("detail.changeRole")}
        </SubmitButton>
      </div>
      <p className="text-xs text-slate-500">{t("detail.roleHint")}</p>
    </form>
  );
}

export function AccessForm({ staffId, disabled }: { staffId: number; disabled: boolean }) {
  const t = useTranslations("staff.detail");
  const [state, formAction] = useActionState(setStaffDisabledAction, null);
  // Disabling asks first; a new result closes the question.
  const [confirmingSince, setConfirmingSince] = useState<{ seen: unknown } | null>(null);
  const confirming = confirmingSince !== null && confirmingSince.seen === state;
  return (
    <div className="space-y-3">
      <Result state={state} />
      {disabled ? (
        <form action={formAction}>
          <input type="hidden" name="staffId" value={staffId} />
          <input type="hidden" name="disabled" value="false" />
          <SubmitButton variant="secondary" pendingLabel={t("enabling")}>
            {t("enable")}
          </SubmitButton>
        </form>
      ) : confirming ? (
        <form action={formAction} className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-3">
          <input type="hidden" name="staffId" value={staffId} />
          <input type="hidden" name="disabled" value="true" />
          <p className="text-sm text-amber-900">{t("disableConfirm")}</p>
          <div className="flex gap-2">
            <SubmitButton variant="danger" pendingLabel={t("disabling")}>
              {t("confirm")}
            </SubmitButton>
            <Button variant="ghost" onClick={() => setConfirmingSince(null)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="danger" onClick={() => setConfirmingSince({ seen: state })}>
          {t("disable")}
        </Button>
      )}
    </div>
  );
}

export function ResetPasswordForm({ staffId, passwordMinLength }: { staffId: number; passwordMinLength: number }) {
  const t = useTranslations("staff.detail");
  const [state, formAction] = useActionState(resetStaffPasswordAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} noValidate className="space-y-3">
      <Result state={state} />
      {state?.ok && state.data.generatedPassword ? <GeneratedPassword password={state.data.generatedPassword} /> : null}
      <input type="hidden" name="staffId" value={staffId} />
      <PasswordChoice
        key={failed?.values?.mode ?? "generate"}
        idPrefix="reset"
        defaultMode={failed?.values?.mode ?? "generate"}
        error={failed?.fieldErrors?.password}
        minLength={passwordMinLength}
      />
      <SubmitButton variant="secondary" pendingLabel={t("resetting")}>
        {t("reset")}
      </SubmitButton>
      <p className="text-xs text-slate-500">{t("passwordHint")}</p>
    </form>
  );
}
