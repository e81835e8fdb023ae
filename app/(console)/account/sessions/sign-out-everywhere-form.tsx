"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { signOutEverywhereAction } from "../actions";
import Link from "next/link";

/** Asks once, then ends every session of this member, this browser's too. */
export function SignOutEverywhereForm() {
  const t = useTranslations("security.sessions");
  const [state, formAction] = useActionState(signOutEverywhereAction, null);
  const [asking, setAsking] = useState(false);
  if (state?.ok) {
    return (
      <Notice tone="success">
        {state.message}{" "}
        <Link href="/login" prefetch={false} className="font-medium underline">
          {t("signInAgain")}
        </Link>
      </Notice>
    );
  }
  if (!asking) {
    return (
      <Button variant="danger" onClick={() => setAsking(true)}>
        {t("everywhere")}
      </Button>
    );
  }
  return (
    <form action={formAction} className="flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 p-2">
      <span className="text-sm text-amber-900">{t("everywhereConfirm")}</span>
      <SubmitButton variant="danger" pendingLabel={t("ending")}>
        {t("confirm")}
      </SubmitButton>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        {t("cancel")}
      </Button>
    </form>
  );
}
