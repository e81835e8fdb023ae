import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

/** The Reports section's own tabs: the overview and the expiry worklist. */
export async function ReportsNav({ current }: { current: "overview" | "worklist" }) {
  const t = await getTranslations("reports.sections");
  const tabs = [
    { key: "overview", href: "/reports", label: t("overview") },
    { key: "worklist", href: "/reports/expiring", label: t("worklist") },
  ] as const;
  return (
    <nav aria-label={t("label")} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-6 text-sm">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? "page" : undefined}
              className={cn(
                "block border-b-2 px-1 pb-2 font-medium",
                tab.key === current
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
