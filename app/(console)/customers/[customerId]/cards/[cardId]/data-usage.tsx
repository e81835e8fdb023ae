import { useLocale, useTranslations } from "next-intl";
import { Panel } from "@/components/ui/panel";
import { formatDataMb, formatHkt } from "@/lib/domain/format";
import { localizedName } from "@/lib/domain/plan-names";

interface Period {
  startsAt: Date;
  endsAt: Date;
  dataCnMb: number;
  dataHkMb: number;
  usedCnMb: number;
  usedHkMb: number;
  planNameEn: string;
  planNameZh: string;
  planNameZhHant: string;
}

function UsageBar({ label, usedMb, totalMb }: { label: string; usedMb: number; totalMb: number }) {
  const t = useTranslations("cards.data");
  const locale = useLocale();
  const share = totalMb > 0 ? Math.min(1, usedMb / totalMb) : 1;
  const used = t("used", { used: formatDataMb(usedMb, locale), total: formatDataMb(totalMb, locale) });
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className="font-semibold tabular-nums text-slate-900">
          {t("left", { left: formatDataMb(Math.max(0, totalMb - usedMb), locale) })}
        </span>
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
        <div
          className={share > 0.9 ? "h-full bg-red-500" : "h-full bg-brand-600"}
          style={{ width: `${(share * 100).toFixed(1)}%` }}
        />
      </div>
      <p className="mt-1 text-xs tabular-nums text-slate-600">{used}</p>
    </div>
  );
}

/** Mainland and Hong Kong allowances of the period in use, used against total; or the last plan, once it has ended. */
export function DataUsage({ current, last }: { current: Period | null; last: Period | null }) {
  const t = useTranslations("cards.data");
  const locale = useLocale();
  const planName = (period: Period) =>
    localizedName(locale, { en: period.planNameEn, zh: period.planNameZh, zhHant: period.planNameZhHant });
  return (
    <Panel title={t("title")}>
      {current ? (
        <div className="space-y-4">
          <p className="text-xs text-slate-600">
            {t("period", {
              plan: planName(current),
              start: formatHkt(current.startsAt, { dateOnly: true }),
              end: formatHkt(current.endsAt, { dateOnly: true }),
            })}
          </p>
          <UsageBar label={t("mainland")} usedMb={current.usedCnMb} totalMb={current.dataCnMb} />
          <UsageBar label={t("hongKong")} usedMb={current.usedHkMb} totalMb={current.dataHkMb} />
        </div>
      ) : (
        <div className="space-y-2 text-sm text-slate-600">
          <p>{t("none")}</p>
          {last ? <p>{t("last", { plan: planName(last), date: formatHkt(last.endsAt, { dateOnly: true }) })}</p> : null}
        </div>
      )}
    </Panel>
  );
}
