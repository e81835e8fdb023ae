"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { TextAreaField } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { resetTwoFactorAction } from "../../security/actions";

/** An admin removes a colleague's 2FA with a reason; that ends the colleague's sessions. */
export function TwoFactorResetForm({ staffId, enrolled }: { staffId: number; enrolled: boolean }) {
  const t = useTranslations("security.reset");
  const [state, formAction] = useActionState(resetTwoFactorAction, null);
  // The page re-renders without 2FA after the reset; the result stays on screen all the same.
  if (state?.ok) return <Notice tone="success">{state.message}</Notice>;
  if (!enrolled) return null;
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {failed && !failed.fieldErrors?.reason ? <Notice tone="error">{failed.message}</Notice> : null}
      <input type="hidden" name="staffId" value={staffId} />
      <TextAreaField
        label={t("reason")}
        name="reason"
        rows={2}
        required
        defaultValue={failed?.values?.reason ?? ""}
        error={failed?.fieldErrors?.reason}
      />
      <SubmitButton variant="danger" pendingLabel={t("resetting")}>
        {t("submit")}
      </SubmitButton>
      <p className="text-xs text-slate-500">{t("hint")}</p>
    </form>
  );
}
