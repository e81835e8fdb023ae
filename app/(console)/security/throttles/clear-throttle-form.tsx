"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { clearThrottleAction } from "../actions";

export function ClearThrottleForm({ throttleKey, subject }: { throttleKey: string; subject: string }) {
  const t = useTranslations("security.throttles");
  const [state, formAction] = useActionState(clearThrottleAction, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="key" value={throttleKey} />
      <SubmitButton variant="secondary" pendingLabel={t("clearing")}>
        <span aria-hidden>{t("clear")}</span>
        <span className="sr-only">{t("clearFor", { subject })}</span>
      </SubmitButton>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
