import { getTranslations } from "next-intl/server";

/**
 * What a route shows while its server answer is on the way (its loading.tsx):
 * the page's rough shape, announced once as "Loading…". Marked data-loading,
 * so focus management waits for the real heading.
 */
export async function PageSkeleton({
  title,
  layout = "panels",
}: {
  /** Known before any data (e.g. "Renew card"); otherwise a bar stands in. */
  title?: string;
  layout?: "panels" | "table" | "form";
}) {
  const t = await getTranslations("common");
  const bar = "animate-pulse rounded bg-slate-200 motion-reduce:animate-none";
  return (
    <div data-loading role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">{t("loading")}</span>
      <div className="space-y-2">
        {title ? (
          <p aria-hidden className="text-xl font-semibold tracking-tight text-slate-400">
            {title}
          </p>
        ) : (
          <div className={`${bar} h-7 w-64 max-w-full`} />
        )}
        <div className={`${bar} h-4 w-96 max-w-full`} />
      </div>
      {layout === "table" ? (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className="flex gap-4 border-b border-slate-100 px-4 py-3">
              <div className={`${bar} h-4 w-1/3`} />
              <div className={`${bar} h-4 w-1/4`} />
              <div className={`${bar} h-4 w-1/6`} />
            </div>
          ))}
        </div>
      ) : layout === "form" ? (
        <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
          <div className={`${bar} h-80`} />
          <div className="space-y-4">
            <div className={`${bar} h-40`} />
            <div className={`${bar} h-28`} />
            <div className={`${bar} h-36`} />
          </div>
        </div>
      ) : (
        <>
          <div className={`${bar} h-28`} />
          <div className="grid gap-6 lg:grid-cols-3">
            <div className={`${bar} h-40`} />
            <div className={`${bar} h-40`} />
            <div className={`${bar} h-40`} />
          </div>
          <div className={`${bar} h-64`} />
        </>
      )}
    </div>
  );
}
