import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import type { CardRenewal } from "@/db/queries/cards";
import { formatHkt } from "@/lib/domain/format";
import { formatMoney } from "@/lib/domain/money";
import { localizedName } from "@/lib/domain/plan-names";

const statusTone: Record<CardRenewal["status"], BadgeTone> = { paid: "amber", activated: "green", voided: "neutral" };

/**
 * The card's renewals, newest first. `actions` adds a last cell per row for
 * what staff may do to a renewal (retry activation, void).
 */
export function RenewalHistory({
  renewals,
  actions,
}: {
  renewals: CardRenewal[];
  actions?: (renewal: CardRenewal) => React.ReactNode;
}) {
  const t = useTranslations("cards.history");
  const locale = useLocale();
  if (renewals.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
        {t("empty")}
      </p>
    );
  return (
    <Table caption={t("caption")}>
      <thead>
        <tr>
          <Th>{t("columns.sold")}</Th>
          <Th>{t("columns.period")}</Th>
          <Th>{t("columns.plan")}</Th>
          <Th numeric>{t("columns.price")}</Th>
          <Th>{t("columns.payment")}</Th>
          <Th>{t("columns.agent")}</Th>
          <Th>{t("columns.status")}</Th>
          {actions ? <Th>{t("columns.actions")}</Th> : null}
        </tr>
      </thead>
      <TBody>
        {renewals.map((renewal) => (
          <tr key={renewal.id}>
            <Td className="whitespace-nowrap">
              <Link href={`/renewals/${renewal.id}`} className="font-medium text-brand-700 hover:underline">
                {t("receipt", { id: renewal.id })}
              </Link>
              <div className="text-xs text-slate-600">
                <HkTime value={renewal.createdAt} />
              </div>
            </Td>
            <Td className="whitespace-nowrap tabular-nums">
              {renewal.periodStartsAt && renewal.periodEndsAt ? (
                <time
                  dateTime={renewal.periodStartsAt.toISOString()}
                  title={`${formatHkt(renewal.periodStartsAt)} – ${formatHkt(renewal.periodEndsAt)}`}
                >
                  {formatHkt(renewal.periodStartsAt, { dateOnly: true })} –{" "}
                  {formatHkt(renewal.periodEndsAt, { dateOnly: true })}
                </time>
              ) : (
                "—"
              )}
            </Td>
            <Td>
              {localizedName(locale, {
                en: renewal.planNameEn,
                zh: renewal.planNameZh,
                zhHant: renewal.planNameZhHant,
              })}
              <span className="ml-1 text-xs text-slate-500">{t("version", { version: renewal.planVersion })}</span>
            </Td>
            <Td numeric className="whitespace-nowrap">
              {formatMoney(renewal.priceMinor, renewal.currency, locale)}
            </Td>
            <Td>
              {renewal.payment ? (
                <>
                  <div>{t(`method.${renewal.payment.method}`)}</div>
                  {renewal.payment.reference ? (
                    <div className="break-all font-mono text-xs text-slate-600">{renewal.payment.reference}</div>
                  ) : null}
                </>
              ) : (
                "—"
              )}
            </Td>
            <Td>{renewal.soldByName ?? <span className="text-slate-600">{t("selfService")}</span>}</Td>
            <Td>
              <Badge tone={statusTone[renewal.status]}>{t(`status.${renewal.status}`)}</Badge>
              {renewal.cardState === "grace" ? <div className="mt-1 text-xs text-amber-800">{t("inGrace")}</div> : null}
            </Td>
            {actions ? <Td className="whitespace-nowrap">{actions(renewal)}</Td> : null}
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
