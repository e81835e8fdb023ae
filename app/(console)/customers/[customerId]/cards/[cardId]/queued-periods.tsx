import { useLocale, useTranslations } from "next-intl";
import { HkTime } from "@/components/ui/hk-time";
import { Panel } from "@/components/ui/panel";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import type { getCardPeriods } from "@/db/queries/cards";
import { formatDataMb } from "@/lib/domain/format";
import { localizedName } from "@/lib/domain/plan-names";

type QueuedPeriod = Awaited<ReturnType<typeof getCardPeriods>>["queued"][number];

/** Periods already paid for that start when the current one ends. */
export function QueuedPeriods({ periods }: { periods: QueuedPeriod[] }) {
  const t = useTranslations("cards.data");
  const locale = useLocale();
  return (
    <Panel title={t("queuedTitle")}>
      {periods.length === 0 ? (
        <p className="text-sm text-slate-600">{t("queuedEmpty")}</p>
      ) : (
        <Table caption={t("queuedCaption")} className="border-0">
          <thead>
            <tr>
              <Th>{t("columns.plan")}</Th>
              <Th>{t("columns.starts")}</Th>
              <Th>{t("columns.ends")}</Th>
              <Th numeric>{t("columns.data")}</Th>
            </tr>
          </thead>
          <TBody>
            {periods.map((period) => (
              <tr key={period.id}>
                <Td>
                  {localizedName(locale, {
                    en: period.planNameEn,
                    zh: period.planNameZh,
                    zhHant: period.planNameZhHant,
                  })}
                </Td>
                <Td className="whitespace-nowrap">
                  <HkTime value={period.startsAt} />
                </Td>
                <Td className="whitespace-nowrap">
                  <HkTime value={period.endsAt} />
                </Td>
                <Td numeric className="whitespace-nowrap">
                  {formatDataMb(period.dataCnMb, locale)} / {formatDataMb(period.dataHkMb, locale)}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </Panel>
  );
}
