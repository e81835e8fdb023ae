"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { retryLifecycleCarrierAction } from "./lifecycle-actions";

/** Retry for a lifecycle step the carrier has not confirmed (the worker also retries it with backoff). */
export function RetryCarrierRequest({ carrierRequestId }: { carrierRequestId: number }) {
  const t = useTranslations("lifecycle.carrier");
  const [state, action] = useActionState(retryLifecycleCarrierAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="carrierRequestId" value={carrierRequestId} />
      <SubmitButton variant="secondary" pendingLabel={t("retrying")} className="px-2 py-1 text-xs">
        {t("retry")}
      </SubmitButton>
      {state?.ok ? (
        <span role="status" className="text-xs">
          {state.data.succeeded ? t("retried") : t("stillFailing")}
        </span>
      ) : null}
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
