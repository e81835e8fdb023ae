"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Shows a reference the on-call engineer can find in the server log; never the error itself. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t("errorTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("errorBody")}</p>
      {error.digest ? (
        <p className="mt-2 font-mono text-xs text-slate-500">{t("errorReference", { digest: error.digest })}</p>
      ) : null}
      <Button className="mt-6" onClick={() => reset()}>
        {t("tryAgain")}
      </Button>
    </main>
  );
}
