import { getLocale, getTranslations } from "next-intl/server";
import { HkTime } from "@/components/ui/hk-time";
import type { ActivityRow } from "@/db/queries/audit-trail";
import { formatDataMb, formatNumber } from "@/lib/domain/format";
import { formatMoney } from "@/lib/domain/money";
import { withRuntimeKeys } from "@/lib/i18n/runtime-key";

const fieldOrder = [
  "version",
  "nameEn",
  "nameZh",
  "nameZhHant",
  "sortOrder",
  "validityDays",
  "dataCnMb",
  "dataHkMb",
  "priceHkdMinor",
  "priceCnyMinor",
  "extensionMode",
] as const;
type Field = (typeof fieldOrder)[number];

/** The plan's audit trail in words: who did what, when, and each value before and after. */
export async function PlanActivity({ entries }: { entries: ActivityRow[] }) {
  const t = await getTranslations("plans");
  const tRuntime = withRuntimeKeys(t);
  const locale = await getLocale();
  const show = (field: Field, value: unknown): string => {
    if (value === null || value === undefined) return "—";
    switch (field) {
      case "priceHkdMinor":
        return formatMoney(Number(value), "HKD", locale);
      case "priceCnyMinor":
        return formatMoney(Number(value), "CNY", locale);
      case "dataCnMb":
      case "dataHkMb":
        return formatDataMb(Number(value), locale);
      case "validityDays":
      case "sortOrder":
        return formatNumber(Number(value), locale);
      case "version":
        return t("version", { version: Number(value) });
      case "extensionMode":
        return tRuntime.has(`mode.${String(value)}`) ? tRuntime(`mode.${String(value)}`) : String(value);
      default:
        return String(value);
    }
  };

  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("detail.noActivity")}</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {entries.map((entry) => {
        const kind = entry.action.replace(/^plan\./, "");
        const before = (entry.before ?? {}) as Record<string, unknown>;
        const after = (entry.after ?? {}) as Record<string, unknown>;
        const changes = kind === "update" ? fieldOrder.filter((field) => field in after) : [];
        return (
          <li key={entry.id} className="py-2 text-sm">
            <p>
              <span className="font-medium text-slate-900">
                {tRuntime.has(`activity.${kind}`) ? tRuntime(`activity.${kind}`) : entry.action}
              </span>
              <span className="text-slate-500">
                {" · "}
                <HkTime value={entry.createdAt} />
                {entry.actorName ? ` · ${entry.actorName}` : null}
              </span>
            </p>
            {changes.length > 0 ? (
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {changes.map((field) => (
                  <li key={field}>
                    {t("activity.change", {
                      field: t(`fields.${field}`),
                      before: show(field, before[field]),
                      after: show(field, after[field]),
                    })}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
