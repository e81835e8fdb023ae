"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A password shown this once, selectable and copyable; nothing keeps it after the page is left. */
export function GeneratedPassword({ password }: { password: string }) {
  const t = useTranslations("staff.generated");
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md border border-emerald-200 bg-white p-3">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500" id="generated-password-label">
        {t("label")}
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <output
          aria-labelledby="generated-password-label"
          className="select-all font-mono text-lg tracking-wide text-slate-900"
          data-testid="generated-password"
        >
          {password}
        </output>
        <Button
          variant="secondary"
          // Clipboard access can be refused (an insecure origin, a policy); the text stays selectable.
          onClick={() =>
            navigator.clipboard?.writeText(password).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t("copied") : t("copy")}
        </Button>
      </div>
      <p className="mt-2 text-xs text-slate-500">{t("note")}</p>
    </div>
  );
}
