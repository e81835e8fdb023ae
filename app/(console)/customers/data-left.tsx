import { useLocale, useTranslations } from "next-intl";
import { formatDataMb } from "@/lib/domain/format";

/** Remaining mainland and Hong Kong data of the period in use, or why there is none. */
export function DataLeft({ dataLeft, hasPlan }: { dataLeft: { cnMb: number; hkMb: number } | null; hasPlan: boolean }) {
  const t = useTranslations("customers.data");
  const locale = useLocale();
  if (!dataLeft) return <span className="text-slate-500">{hasPlan ? t("none") : t("unknown")}</span>;
  return <>{t("left", { cn: formatDataMb(dataLeft.cnMb, locale), hk: formatDataMb(dataLeft.hkMb, locale) })}</>;
}
