"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInAction } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signInAction, null);
  // The password stays in this browser's state for the code step; the server never sends it back.
  const [password, setPassword] = useState("");
  const failed = state && !state.ok ? state : null;
  const needsCode = failed?.values?.needsCode !== undefined;
  // A refused password is cleared; at the code step it is kept to go with the code.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (!needsCode) setPassword("");
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      {failed ? (
        <Notice tone={failed.values?.needsCode === "required" ? "info" : "error"}>{failed.message}</Notice>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus={!needsCode}
        defaultValue={failed?.values?.email ?? ""}
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {needsCode ? (
        <Field
          key={failed?.message}
          label={t("code")}
          name="code"
          autoComplete="one-time-code"
          required
          autoFocus
          hint={t("codeHint")}
        />
      ) : null}
      <SubmitButton pendingLabel={t("submitting")} className="w-full">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
