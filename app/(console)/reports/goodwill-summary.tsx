import { getTranslations } from "next-intl/server";
import { summariseGoodwill } from "@/db/queries/goodwill";
import type { ReportRange } from "@/lib/domain/reports/range";
import { StatCard } from "./stat-card";

/** Goodwill extensions in the range, apart from renewals (DOMAIN.md: no money moves, never revenue). */
export async function GoodwillSummary({ range }: { range: ReportRange }) {
  const summary = await summariseGoodwill(range);
  const t = await getTranslations("desk.reports");
  return (
    <dl className="grid gap-4 sm:grid-cols-3" data-testid="goodwill-summary">
      <StatCard
        label={t("goodwillTitle")}
        value={t("goodwillCount", { count: summary.extensions })}
        detail={`${t("goodwillDays", { days: summary.days })} · ${t("goodwillHint")}`}
      />
    </dl>
  );
}
