import { getTranslations } from "next-intl/server";

/** Stands in for the figures while a report's queries run, in the same shape, so nothing jumps when they arrive. */
export async function ReportSkeleton() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">{t("loading")}</span>
      <div className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-4">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-24 animate-pulse rounded-lg bg-slate-200" />
        ))}
      </div>
      <div className="h-96 animate-pulse rounded-lg bg-slate-200" />
      <div className="h-96 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
