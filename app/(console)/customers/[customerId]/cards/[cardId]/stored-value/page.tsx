import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HkTime } from "@/components/ui/hk-time";
import { PageHeader, Panel } from "@/components/ui/panel";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { getCard } from "@/db/queries/cards";
import { listStoredValueLedger } from "@/db/queries/desk";
import { requireStaff } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain/money";
import { may } from "@/lib/domain/permissions";
import { routeId } from "@/lib/domain/route-id";
import { customerNameText } from "../../../../customer-name";
import { CorrectionForm } from "./correction-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("desk.storedValue"))("title") };
}

async function StoredValuePage({ params }: { params: Promise<{ customerId: string; cardId: string }> }) {
  const staff = await requireStaff({ permission: "lookUpCustomers" });
  const p = await params;
  const customerId = routeId(p.customerId);
  const cardId = routeId(p.cardId);
  const card = customerId && cardId ? await getCard({ customerId, cardId }) : null;
  if (!card) notFound();
  const ledger = await listStoredValueLedger(card.id);
  const t = await getTranslations("desk");
  const locale = await getLocale();
  const cardHref = `/customers/${card.customerId}/cards/${card.id}`;
  return (
    <>
      <PageHeader
        title={`${t("storedValue.title")} · ${customerNameText(card.customerNameZh, card.customerNameEn)}`}
        actions={
          <>
            {may.topUpStoredValue(staff) ? (
              <Link href={`${cardHref}/top-up`} className="text-sm font-medium text-brand-700 hover:underline">
                {t("panel.topUp")}
              </Link>
            ) : null}
            <Link href={cardHref} className="text-sm font-medium text-brand-700 hover:underline">
              {t("receipt.backToCard")}
            </Link>
          </>
        }
      />
      <p className="mb-4 text-sm text-slate-700">
        {t("storedValue.balance")}:{" "}
        <span className="text-lg font-semibold tabular-nums" data-testid="stored-value">
          {formatMoney(card.storedValueHkdMinor, "HKD", locale)}
        </span>
      </p>
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="lg:col-span-2" aria-labelledby="ledger">
          <h2 id="ledger" className="mb-3 text-sm font-semibold text-slate-800">
            {t("storedValue.ledger")}
          </h2>
          {ledger.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
              {t("storedValue.empty")}
            </p>
          ) : (
            <Table caption={t("storedValue.ledger")}>
              <thead>
                <tr>
                  <Th>{t("storedValue.columns.when")}</Th>
                  <Th>{t("storedValue.columns.reason")}</Th>
                  <Th numeric>{t("storedValue.columns.change")}</Th>
                  <Th numeric>{t("storedValue.columns.balance")}</Th>
                  <Th>{t("storedValue.columns.by")}</Th>
                </tr>
              </thead>
              <TBody>
                {ledger.map((row) => (
                  <tr key={row.id}>
                    <Td className="whitespace-nowrap">
                      <HkTime value={row.createdAt} />
                    </Td>
                    <Td>
                      {row.paymentId ? (
                        <Link href={`/payments/${row.paymentId}`} className="text-brand-700 hover:underline">
                          {t(`storedValue.reasons.${row.reason}`)}
                        </Link>
                      ) : row.renewalId ? (
                        <Link href={`/renewals/${row.renewalId}`} className="text-brand-700 hover:underline">
                          {t(`storedValue.reasons.${row.reason}`)}
                        </Link>
                      ) : (
                        t(`storedValue.reasons.${row.reason}`)
                      )}
                    </Td>
                    <Td numeric className={row.deltaMinor < 0 ? "text-red-700" : "text-emerald-700"}>
                      {row.deltaMinor > 0 ? "+" : "−"}
                      {formatMoney(Math.abs(row.deltaMinor), "HKD", locale)}
                    </Td>
                    <Td numeric>{formatMoney(row.balanceAfterMinor, "HKD", locale)}</Td>
                    <Td>{row.staffName ?? "—"}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>
        {may.correctStoredValue(staff) ? (
          <Panel title={t("storedValue.correction")}>
            <CorrectionForm cardId={card.id} idempotencyKey={randomUUID()} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}

export default withClientMessages(["desk.storedValue"], StoredValuePage);
