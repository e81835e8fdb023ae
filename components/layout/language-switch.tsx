"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, locales, type Locale } from "@/lib/i18n/config";
import { cn } from "@/components/ui/cn";

/** Remembers the choice for a year; the server reads the cookie on every request. */
function rememberLocale(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

export function LanguageSwitch({ className }: { className?: string }) {
  const t = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(locale: Locale) {
    rememberLocale(locale);
    startTransition(() => router.refresh());
  }

  return (
    <div
      role="group"
      aria-label={t("language")}
      className={cn("inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-xs", className)}
    >
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() => choose(locale)}
          className={cn(
            "rounded px-2 py-1 font-medium",
            current === locale ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100",
          )}
        >
          {t(`languageNames.${locale}`)}
        </button>
      ))}
    </div>
  );
}
