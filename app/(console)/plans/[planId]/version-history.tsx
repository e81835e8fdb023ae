import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { HkTime } from "@/components/ui/hk-time";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import type { PlanVersionRow } from "@/db/queries/plans";
import { formatDataMb, formatNumber, type Locale } from "@/lib/format";
import { formatMoney } from "@/lib/money";

const terms = ["validityDays", "dataCnMb", "dataHkMb", "priceHkdMinor", "priceCnyMinor", "extensionMode"] as const;

/** Every version, newest first, each term marked where it differs from the version before it. */
export async function VersionHistory({ versions, currentVersionId, cards }: { versions: PlanVersionRow[]; currentVersionId: number | null; cards: Map<number, number> }) {
  const t = await getTranslations("plans");
  const locale = (await getLocale()) as Locale;
  const show: Record<(typeof terms)[number], (v: PlanVersionRow) => string> = {
    validityDays: (v) => formatNumber(v.validityDays, locale),
    dataCnMb: (v) => formatDataMb(v.dataCnMb, locale),
    dataHkMb: (v) => formatDataMb(v.dataHkMb, locale),
    priceHkdMinor: (v) => formatMoney(v.priceHkdMinor, "HKD", locale),
    priceCnyMinor: (v) => formatMoney(v.priceCnyMinor, "CNY", locale),
    extensionMode: (v) => t(`mode.${v.extensionMode}`),
  };
  return (
    <Table caption={t("detail.versionsCaption")}>
      <thead>
        <tr>
          <Th>{t("fields.version")}</Th>
          <Th>{t("detail.effectiveFrom")}</Th>
          <Th>{t("detail.by")}</Th>
          <Th numeric>{t("columns.days")}</Th>
          <Th numeric>{t("columns.dataCn")}</Th>
          <Th numeric>{t("columns.dataHk")}</Th>
          <Th numeric>{t("columns.priceHkd")}</Th>
          <Th numeric>{t("columns.priceCny")}</Th>
          <Th>{t("columns.mode")}</Th>
          <Th numeric>{t("columns.cardsNow")}</Th>
        </tr>
      </thead>
      <TBody>
        {versions.map((version, index) => {
          const previous = versions[index + 1];
          return (
            <tr key={version.versionId} className={version.versionId === currentVersionId ? "bg-brand-50/40" : undefined}>
              <Td>
                <span className="font-medium">{t("version", { version: version.version })}</span>{" "}
                {version.versionId === currentVersionId ? <Badge tone="blue">{t("detail.currentBadge")}</Badge> : null}
              </Td>
              <Td>
                <HkTime value={version.effectiveFrom} />
              </Td>
              <Td>{version.createdByName ?? <span className="text-slate-500">{t("detail.system")}</span>}</Td>
              {terms.map((term) => {
                const changed = previous !== undefined && previous[term] !== version[term];
                return (
                  <Td key={term} numeric={term !== "extensionMode"} className={cn(changed && "bg-amber-50 font-semibold text-amber-900")}>
                    {show[term](version)}
                    {changed ? <span className="sr-only"> ({t("detail.changed")})</span> : null}
                  </Td>
                );
              })}
              <Td numeric>{formatNumber(cards.get(version.versionId) ?? 0, locale)}</Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
