import { getTranslations } from "next-intl/server";

/** Shown while a search, customer or card page loads; the header search box stays usable. */
export default async function Loading() {
  const t = await getTranslations("common");
  return (
    <div role="status" className="animate-pulse space-y-4">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-7 w-64 rounded bg-slate-200" />
      <div className="h-24 rounded-lg bg-slate-100" />
      <div className="h-48 rounded-lg bg-slate-100" />
    </div>
  );
}
