"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { retryActivationAction } from "./actions";

/** On its own (and with its own namespace): the card page shows it only for a stuck activation. */
export function RetryActivation({ renewalId }: { renewalId: number }) {
  const t = useTranslations("renewals.retryActivation");
  const [state, action] = useActionState(retryActivationAction, null);
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="renewalId" value={renewalId} />
      <SubmitButton pendingLabel={t("retrying")}>{t("retry")}</SubmitButton>
      {state?.ok ? <span role="status">{t("retried", { outcome: t(`outcomes.${state.data.outcome}`) })}</span> : null}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
