import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { planStatusFilters, type PlanStatusFilter } from "@/lib/validation/plans";

function href(status: PlanStatusFilter, q: string) {
  const params = new URLSearchParams();
  if (status !== "all") params.set("status", status);
  if (q) params.set("q", q);
  const query = params.toString();
  return query ? `/plans?${query}` : "/plans";
}

/** State tabs and a search box; both live in the URL, so a link reproduces the view. */
export async function PlanFilters({ status, q }: { status: PlanStatusFilter; q: string }) {
  const t = await getTranslations("plans");
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <nav
        aria-label={t("filters.states")}
        className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm"
      >
        {planStatusFilters.map((option) => (
          <Link
            key={option}
            href={href(option, q)}
            aria-current={option === status ? "page" : undefined}
            className={cn(
              "rounded px-3 py-1.5 font-medium",
              option === status ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {option === "all" ? t("filters.all") : t(`status.${option}`)}
          </Link>
        ))}
      </nav>
      <form role="search" aria-label={t("filters.label")} action="/plans" className="flex items-end gap-2">
        {status !== "all" ? <input type="hidden" name="status" value={status} /> : null}
        <div>
          <label htmlFor="plan-search" className="sr-only">
            {t("filters.search")}
          </label>
          <input
            id="plan-search"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            placeholder={t("filters.searchPlaceholder")}
            className={cn(inputClass, "w-64")}
          />
        </div>
        <Button type="submit" variant="secondary">
          {t("filters.apply")}
        </Button>
        {q ? (
          <Link href={href(status, "")} className="text-sm text-brand-700 underline-offset-2 hover:underline">
            {t("filters.clear")}
          </Link>
        ) : null}
      </form>
    </div>
  );
}
