import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { Panel } from "@/components/ui/panel";
import { Table, Td, Th, TBody } from "@/components/ui/table";
import type { CashDrawerView } from "@/db/queries/cash-drawers";
import type { CashDrawerStatus } from "@/lib/domain/enums";
import { formatMoney } from "@/lib/domain/money";

const tones: Record<CashDrawerStatus, BadgeTone> = { open: "blue", closed: "amber", signed_off: "green" };

export async function DrawerStatusBadge({ status }: { status: CashDrawerStatus }) {
  const t = await getTranslations("drawer.statuses");
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}

/**
 * A drawer's figures and every cash movement behind them. What it should hold
 * is live while open; once closed the stored close is shown, and any later
 * correction is listed apart (the close itself never changes).
 */
export async function DrawerPanel({ drawer, children }: { drawer: CashDrawerView; children?: React.ReactNode }) {
  const t = await getTranslations("drawer");
  const locale = await getLocale();
  const money = (minor: number) => formatMoney(minor, drawer.currency, locale);
  const moved = drawer.movements.reduce((s, m) => s + m.amountMinor, 0);
  const corrected = drawer.corrections.reduce((s, c) => s + c.amountMinor, 0);
  const difference = drawer.countedMinor === null ? null : drawer.countedMinor - drawer.expectedMinor!;
  return (
    <Panel
      title={
        <span className="inline-flex items-center gap-2">
          {drawer.currency} <DrawerStatusBadge status={drawer.status} />
        </span>
      }
    >
      <div className="space-y-5">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-4" aria-label={`${t("title")} ${drawer.currency}`}>
          <div>
            <dt className="text-slate-500">{t("summary.float")}</dt>
            <dd className="tabular-nums">{money(drawer.openingFloatMinor)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("summary.movements")}</dt>
            <dd className="tabular-nums">{money(moved)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("summary.corrections")}</dt>
            <dd className="tabular-nums">{money(corrected)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("summary.expected")}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid="drawer-expected">
              {money(drawer.liveExpectedMinor)}
            </dd>
          </div>
          {drawer.closedAt ? (
            <>
              <div>
                <dt className="text-slate-500">{t("summary.expectedAtClose")}</dt>
                <dd className="tabular-nums">{money(drawer.expectedMinor!)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("summary.counted")}</dt>
                <dd className="tabular-nums" data-testid="drawer-counted">
                  {money(drawer.countedMinor!)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("summary.difference")}</dt>
                <dd
                  className={difference ? "font-semibold tabular-nums text-red-700" : "tabular-nums"}
                  data-testid="drawer-difference"
                >
                  {money(difference ?? 0)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("summary.closedAt")}</dt>
                <dd>
                  <HkTime value={drawer.closedAt} />
                </dd>
              </div>
              {drawer.differenceReason ? (
                <div className="sm:col-span-4">
                  <dt className="text-slate-500">{t("summary.reason")}</dt>
                  <dd className="whitespace-pre-wrap">{drawer.differenceReason}</dd>
                </div>
              ) : null}
              {drawer.signedOffAt ? (
                <div className="sm:col-span-4">
                  <dt className="sr-only">{t("statuses.signed_off")}</dt>
                  <dd className="text-slate-700">
                    {t("summary.signedOff", { name: drawer.signedOffByName ?? "—" })} ·{" "}
                    <HkTime value={drawer.signedOffAt} />
                    {drawer.signOffNote ? ` · ${drawer.signOffNote}` : ""}
                  </dd>
                </div>
              ) : null}
            </>
          ) : null}
        </dl>
        <section aria-labelledby={`movements-${drawer.id}`} className="space-y-2">
          <h3 id={`movements-${drawer.id}`} className="text-sm font-semibold text-slate-800">
            {t("movements.title")}
          </h3>
          {drawer.movements.length === 0 ? (
            <p className="text-sm text-slate-600">{t("movements.empty")}</p>
          ) : (
            <Table caption={t("movements.title")}>
              <thead>
                <tr>
                  <Th>{t("movements.time")}</Th>
                  <Th>{t("movements.what")}</Th>
                  <Th numeric>{t("movements.amount")}</Th>
                </tr>
              </thead>
              <TBody>
                {drawer.movements.map((m) => (
                  <tr key={`${m.kind}-${m.id}`}>
                    <Td className="whitespace-nowrap">
                      <HkTime value={m.at} />
                    </Td>
                    <Td>
                      {m.renewalId ? (
                        <Link href={`/renewals/${m.renewalId}`} className="text-brand-700 hover:underline">
                          {m.kind === "refund"
                            ? t("movements.refund", { purpose: t(`movements.purposes.${m.purpose}`) })
                            : t(`movements.purposes.${m.purpose}`)}{" "}
                          #{m.renewalId}
                        </Link>
                      ) : m.kind === "refund" ? (
                        t("movements.refund", { purpose: t(`movements.purposes.${m.purpose}`) })
                      ) : (
                        t(`movements.purposes.${m.purpose}`)
                      )}
                    </Td>
                    <Td numeric className={m.amountMinor < 0 ? "text-red-700" : undefined}>
                      {money(m.amountMinor)}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>
        {drawer.corrections.length > 0 ? (
          <section aria-labelledby={`corrections-${drawer.id}`} className="space-y-2">
            <h3 id={`corrections-${drawer.id}`} className="text-sm font-semibold text-slate-800">
              {t("corrections.title")}
            </h3>
            <Table caption={t("corrections.title")}>
              <thead>
                <tr>
                  <Th>{t("movements.time")}</Th>
                  <Th>{t("correct.reason")}</Th>
                  <Th>{t("corrections.by")}</Th>
                  <Th numeric>{t("movements.amount")}</Th>
                </tr>
              </thead>
              <TBody>
                {drawer.corrections.map((c) => (
                  <tr key={c.id}>
                    <Td className="whitespace-nowrap">
                      <HkTime value={c.createdAt} />
                    </Td>
                    <Td>{c.reason}</Td>
                    <Td>{c.createdByName}</Td>
                    <Td numeric>{money(c.amountMinor)}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </section>
        ) : null}
        {children}
      </div>
    </Panel>
  );
}
