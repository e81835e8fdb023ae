import { useLocale, useTranslations } from "next-intl";
import { Panel } from "@/components/ui/panel";
import { formatDataMb, formatHkt, type Locale } from "@/lib/format";

interface Period {
  startsAt: Date;
  endsAt: Date;
  dataCnMb: number;
  dataHkMb: number;
  usedCnMb: number;
  usedHkMb: number;
  planNameEn: string;
  planNameZh: string;
}

function UsageBar({ label, usedMb, totalMb }: { label: string; usedMb: number; totalMb: number }) {
  const t = useTranslations("cards.data");
  const locale = useLocale() as Locale;
  const share = totalMb > 0 ? Math.min(1, usedMb / totalMb) : 1;
  const used = t("used", { used: formatDataMb(usedMb, locale), total: formatDataMb(totalMb, locale) });
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className="font-semibold tabular-nums text-slate-900">{t("left", { left: formatDataMb(Math.max(0, totalMb - usedMb), locale) })}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={totalMb}
        aria-valuenow={usedMb}
        aria-valuetext={used}
        className="h-2.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={share > 0.9 ? "h-full bg-red-500" : "h-full bg-brand-600"} style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-slate-600">{used}</p>
    </div>
  );
}

/** Mainland and Hong Kong allowances of the period in use, used against total. */
export function DataUsage({ period }: { period: Period | null }) {
  const t = useTranslations("cards.data");
  const locale = useLocale() as Locale;
  return (
    <Panel title={t("title")}>
      {period ? (
        <div className="space-y-4">
          <p className="text-xs text-slate-600">
            {t("period", {
              plan: locale === "en" ? period.planNameEn : period.planNameZh,
              start: formatHkt(period.startsAt, { dateOnly: true }),
              end: formatHkt(period.endsAt, { dateOnly: true }),
            })}
          </p>
          <UsageBar label={t("mainland")} usedMb={period.usedCnMb} totalMb={period.dataCnMb} />
          <UsageBar label={t("hongKong")} usedMb={period.usedHkMb} totalMb={period.dataHkMb} />
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("none")}</p>
      )}
    </Panel>
  );
}
