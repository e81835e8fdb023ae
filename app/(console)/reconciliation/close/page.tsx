import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { Table, Td, Th, TBody } from "@/components/ui/table";
import { listDrawerCloseFigures } from "@/db/queries/cash-drawers";
import { listDailyClose } from "@/db/queries/reconciliation";
import { requireStaff } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain/money";
import { DrawerStatusBadge } from "../../drawer/drawer-panel";
import { ReconciliationNav } from "../reconciliation-nav";
import { DayPicker, readDayParam } from "../day-picker";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reconciliation.close"))("title") };
}

/** The day's close: console vs settlement per method and currency, and each agent's cash expected vs counted. */
export default async function DailyClosePage({ searchParams }: Props) {
  await requireStaff({ permission: "reconcileSettlements" });
  const day = readDayParam((await searchParams).day);
  const [money, cash] = await Promise.all([listDailyClose(day), listDrawerCloseFigures(day)]);
  const t = await getTranslations("reconciliation");
  const methods = await getTranslations("renewals.methods");
  const locale = await getLocale();
  return (
    <>
      <PageHeader title={`${t("close.title")} · ${day}`} description={t("close.description")} />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <ReconciliationNav current="close" />
        <DayPicker day={day} label={t("close.day")} submit={t("close.show")} id="close-day" />
      </div>
      <div className="space-y-6">
        {money.length === 0 ? (
          <EmptyState title={t("close.noMoney")} />
        ) : (
          <Table caption={t("close.title")}>
            <thead>
              <tr>
                <Th>{t("close.method")}</Th>
                <Th>{t("close.currency")}</Th>
                <Th numeric>{t("close.console")}</Th>
                <Th numeric>{t("close.settled")}</Th>
                <Th numeric>{t("close.difference")}</Th>
              </tr>
            </thead>
            <TBody>
              {money.map((row) => (
                <tr key={`${row.method}-${row.currency}`}>
                  <Td>{methods(row.method)}</Td>
                  <Td>{row.currency}</Td>
                  <Td numeric>{formatMoney(row.consoleMinor, row.currency, locale)}</Td>
                  <Td numeric>
                    {row.settledMinor === null ? (
                      <span className="text-slate-500">{t("close.noFile")}</span>
                    ) : (
                      formatMoney(row.settledMinor, row.currency, locale)
                    )}
                  </Td>
                  <Td numeric className={row.differenceMinor ? "font-semibold text-red-700" : undefined}>
                    {row.differenceMinor === null ? "—" : formatMoney(row.differenceMinor, row.currency, locale)}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <section aria-labelledby="cash-title" className="space-y-2">
          <h2 id="cash-title" className="text-sm font-semibold text-slate-800">
            {t("close.cashTitle")}
          </h2>
          {cash.length === 0 ? (
            <EmptyState title={t("close.noDrawers")} />
          ) : (
            <Table caption={t("close.cashTitle")}>
              <thead>
                <tr>
                  <Th>{t("close.agent")}</Th>
                  <Th>{t("close.currency")}</Th>
                  <Th>{t("close.status")}</Th>
                  <Th numeric>{t("close.expected")}</Th>
                  <Th numeric>{t("close.counted")}</Th>
                  <Th numeric>{t("close.difference")}</Th>
                  <Th>{t("close.reason")}</Th>
                </tr>
              </thead>
              <TBody>
                {cash.map((row) => (
                  <tr key={row.id}>
                    <Td>
                      <Link href={`/drawer/${row.id}`} className="text-brand-700 hover:underline">
                        {row.staffName}
                      </Link>
                    </Td>
                    <Td>{row.currency}</Td>
                    <Td>
                      <DrawerStatusBadge status={row.status} />
                    </Td>
                    <Td numeric>{formatMoney(row.expectedMinor, row.currency, locale)}</Td>
                    <Td numeric>
                      {row.countedMinor === null ? "—" : formatMoney(row.countedMinor, row.currency, locale)}
                    </Td>
                    <Td numeric className={row.differenceMinor ? "font-semibold text-red-700" : undefined}>
                      {row.differenceMinor === null ? "—" : formatMoney(row.differenceMinor, row.currency, locale)}
                    </Td>
                    <Td>{row.differenceReason ?? ""}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>
      </div>
    </>
  );
}
