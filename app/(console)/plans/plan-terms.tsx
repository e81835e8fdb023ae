import { getLocale, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { Td, Th } from "@/components/ui/table";
import { formatDataMb, formatNumber } from "@/lib/domain/format";
import { formatMoney } from "@/lib/domain/money";
import { planTermKeys, type PlanTerms } from "@/lib/validation/plans";

/** The column headers of a plan version's terms, in the order PlanTermCells fills them. */
export async function PlanTermHeaders() {
  const t = await getTranslations("plans.columns");
  return (
    <>
      <Th numeric>{t("days")}</Th>
      <Th numeric>{t("dataCn")}</Th>
      <Th numeric>{t("dataHk")}</Th>
      <Th numeric>{t("priceHkd")}</Th>
      <Th numeric>{t("priceCny")}</Th>
      <Th>{t("mode")}</Th>
    </>
  );
}

/** A version's terms as table cells; given the version before it, the terms that changed are marked. */
export async function PlanTermCells({ terms, previous }: { terms: PlanTerms; previous?: PlanTerms }) {
  const t = await getTranslations("plans");
  const locale = await getLocale();
  const show: Record<(typeof planTermKeys)[number], string> = {
    validityDays: formatNumber(terms.validityDays, locale),
    dataCnMb: formatDataMb(terms.dataCnMb, locale),
    dataHkMb: formatDataMb(terms.dataHkMb, locale),
    priceHkdMinor: formatMoney(terms.priceHkdMinor, "HKD", locale),
    priceCnyMinor: formatMoney(terms.priceCnyMinor, "CNY", locale),
    extensionMode: t(`mode.${terms.extensionMode}`),
  };
  return (
    <>
      {planTermKeys.map((key) => {
        const changed = previous !== undefined && previous[key] !== terms[key];
        return (
          <Td
            key={key}
            numeric={key !== "extensionMode"}
            className={cn(changed && "bg-amber-50 font-semibold text-amber-900")}
          >
            {show[key]}
            {changed ? <span className="sr-only"> ({t("detail.changed")})</span> : null}
          </Td>
        );
      })}
    </>
  );
}
