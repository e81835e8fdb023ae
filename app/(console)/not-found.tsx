import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

/** The console's 404: the shell stays, so search and the palette are one key away. */
export default async function ConsoleNotFound() {
  const t = await getTranslations("common");
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("notFoundBody")}</p>
      <p className="mt-1 text-sm text-slate-600">{t("notFoundHint")}</p>
      <Link href="/customers" className={buttonClass("primary", "mt-6")}>
        {t("backToConsole")}
      </Link>
    </div>
  );
}
