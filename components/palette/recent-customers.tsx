"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatHkt } from "@/lib/domain/format";
import { usePalette } from "./palette-context";

/** The customers this staff member opened last (in this browser), newest first. */
export function RecentCustomers() {
  const t = useTranslations("palette");
  const { recent } = usePalette();
  const locale = useLocale();
  return (
    <section aria-labelledby="recent-customers" className="h-fit rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id="recent-customers" className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-800">
        {t("groups.recent")}
      </h2>
      {recent.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">{t("recentEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {recent.map((r) => (
            <li key={r.customerId} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
              <Link href={r.href} className="min-w-0 truncate font-medium text-brand-700 hover:underline">
                {r.name}
              </Link>
              <time dateTime={new Date(r.at).toISOString()} className="shrink-0 text-xs text-slate-600">
                {formatHkt(new Date(r.at), { locale })}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
