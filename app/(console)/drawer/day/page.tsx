import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { Table, Td, Th, TBody } from "@/components/ui/table";
import { listDrawersOfDay } from "@/db/queries/cash-drawers";
import { requireStaff } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain/money";
import { DrawerStatusBadge } from "../drawer-panel";
import { DayPicker, readDayParam } from "../../reconciliation/day-picker";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("drawer.day"))("link") };
}

/** A supervisor sees every drawer of a Hong Kong day (today unless ?day= says otherwise). */
export default async function DrawersOfDayPage({ searchParams }: Props) {
  await requireStaff({ permission: "superviseCashDrawers" });
  const day = readDayParam((await searchParams).day);
  const drawers = await listDrawersOfDay(day);
  const t = await getTranslations("drawer");
  const locale = await getLocale();
  return (
    <>
      <PageHeader title={t("day.title", { day })} description={t("day.description")} />
      <div className="mb-6">
        <DayPicker day={day} label={t("day.pick")} submit={t("day.show")} id="drawer-day" />
      </div>
      {drawers.length === 0 ? (
        <EmptyState title={t("day.empty")} body={t("day.emptyBody")} />
      ) : (
        <Table caption={t("day.title", { day })}>
          <thead>
            <tr>
              <Th>{t("day.agent")}</Th>
              <Th>{t("day.currency")}</Th>
              <Th>{t("day.status")}</Th>
              <Th numeric>{t("summary.expected")}</Th>
              <Th numeric>{t("summary.counted")}</Th>
              <Th numeric>{t("summary.difference")}</Th>
              <Th>
                <span className="sr-only">{t("day.open")}</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {drawers.map((d) => {
              const difference = d.countedMinor === null ? null : d.countedMinor - d.expectedMinor!;
              return (
                <tr key={d.id}>
                  <Td>{d.staffName}</Td>
                  <Td>{d.currency}</Td>
                  <Td>
                    <DrawerStatusBadge status={d.status} />
                  </Td>
                  <Td numeric>{formatMoney(d.expectedMinor ?? d.liveExpectedMinor, d.currency, locale)}</Td>
                  <Td numeric>{d.countedMinor === null ? "—" : formatMoney(d.countedMinor, d.currency, locale)}</Td>
                  <Td numeric className={difference ? "font-semibold text-red-700" : undefined}>
                    {difference === null ? "—" : formatMoney(difference, d.currency, locale)}
                  </Td>
                  <Td>
                    <Link
                      href={`/drawer/${d.id}`}
                      className="font-medium text-brand-700 hover:underline"
                      aria-label={`${t("day.open")} ${d.staffName} ${d.currency}`}
                    >
                      {t("day.open")}
                    </Link>
                  </Td>
                </tr>
              );
            })}
          </TBody>
        </Table>
      )}
    </>
  );
}
