import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CardStateBadge, cardStateBadgeProps } from "@/components/cards/card-state-badge";
import { buttonClass } from "@/components/ui/button";
import { HkTime } from "@/components/ui/hk-time";
import { PageHeader, Panel } from "@/components/ui/panel";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { listCustomerCards } from "@/db/queries/cards";
import { getCustomer } from "@/db/queries/customers";
import { requireStaff } from "@/lib/auth/session";
import { deriveCardState } from "@/lib/domain/card-state";
import { businessRules } from "@/lib/config";
import { formatMsisdn, maskDocument } from "@/lib/domain/identifiers";
import { routeId } from "@/lib/domain/route-id";
import { formatMoney } from "@/lib/domain/money";
import { formatHkt } from "@/lib/domain/format";
import { customerNameText } from "../../customer-name";
import { DataLeft } from "../../data-left";
import { LifecycleNote } from "@/components/cards/lifecycle-note";
import { cardHref } from "../../result-line";
import { queryId } from "../../search-params";
import { localizedName } from "@/lib/domain/plan-names";
import { RememberCustomer } from "@/components/palette/palette-context";
import { CustomerDeskActions } from "../customer-desk-actions";
import { CustomerTimeline } from "../customer-timeline";
import { may } from "@/lib/domain/permissions";
import { withClientMessages } from "@/lib/i18n/client-messages";

const CARDS_PER_PAGE = 50;

// The title and the page read the same row once per request.
const loadCustomer = cache(getCustomer);

type Props = {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff({ permission: "lookUpCustomers" });
  const id = routeId((await params).customerId);
  const customer = id ? await loadCustomer(id) : null;
  return {
    title: customer
      ? customerNameText(customer.nameZh, customer.nameEn)
      : (await getTranslations("customers"))("title"),
  };
}

async function CustomerPage({ params, searchParams }: Props) {
  const staff = await requireStaff({ permission: "lookUpCustomers" });
  const customerId = routeId((await params).customerId);
  if (!customerId) notFound();
  const query = await searchParams;
  const afterCardId = queryId(query.cardsAfter);
  const [customer, cards] = await Promise.all([
    loadCustomer(customerId),
    listCustomerCards({ customerId, afterCardId, limit: CARDS_PER_PAGE }),
  ]);
  if (!customer) notFound();

  const t = await getTranslations("customers");
  const locale = await getLocale();
  const now = new Date();
  const { graceDays } = businessRules();
  const none = <span className="text-slate-500">{t("customer.none")}</span>;

  return (
    <>
      <RememberCustomer
        visit={{
          customerId: customer.id,
          cardId: null,
          name: customerNameText(customer.nameZh, customer.nameEn) || `#${customer.id}`,
          href: `/customers/${customer.id}`,
        }}
      />
      <PageHeader
        title={
          <>
            {customer.nameZh ? <span lang="zh">{customer.nameZh}</span> : null}
            {customer.nameZh && customer.nameEn ? " " : null}
            {customer.nameEn ? (
              <span className={customer.nameZh ? "font-normal text-slate-600" : undefined}>{customer.nameEn}</span>
            ) : null}
          </>
        }
        description={t("customer.since", { id: customer.id, date: formatHkt(customer.createdAt, { dateOnly: true }) })}
        actions={<CustomerDeskActions customerId={customer.id} canEdit={may.editCustomerProfile(staff)} />}
      />
      <div className="space-y-6">
        <Panel title={t("customer.details")}>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 xl:grid-cols-4">
            <div>
              <dt className="text-slate-500">{t("customer.contactPhone")}</dt>
              <dd className="tabular-nums">{customer.contactPhone ? formatMsisdn(customer.contactPhone) : none}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("customer.email")}</dt>
              <dd className="break-all">{customer.email ?? none}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("customer.language")}</dt>
              <dd>{t(`customer.languages.${customer.preferredLanguage}`)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("customer.idDocument")}</dt>
              <dd>
                {customer.idDocumentType ? `${t(`customer.documentTypes.${customer.idDocumentType}`)} ` : null}
                {maskDocument(customer.idDocumentLast4) ?? (customer.idDocumentType ? null : none)}
              </dd>
            </div>
            <div className="sm:col-span-2 xl:col-span-4">
              <dt className="text-slate-500">{t("customer.notes")}</dt>
              <dd className="whitespace-pre-line">
                {customer.notes ?? <span className="text-slate-500">{t("customer.noNotes")}</span>}
              </dd>
            </div>
          </dl>
        </Panel>
        <section aria-labelledby="customer-cards">
          <h2 id="customer-cards" className="mb-3 text-sm font-semibold text-slate-800">
            {t("customer.cards")}
          </h2>
          {cards.items.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
              {t("customer.noCards")}
            </p>
          ) : (
            <Table caption={t("customer.cardsCaption")}>
              <thead>
                <tr>
                  <Th>{t("results.columns.card")}</Th>
                  <Th>{t("customer.numbers")}</Th>
                  <Th>{t("results.columns.state")}</Th>
                  <Th>{t("results.columns.validUntil")}</Th>
                  <Th>{t("results.columns.plan")}</Th>
                  <Th>{t("results.columns.dataLeft")}</Th>
                  <Th numeric>{t("customer.storedValue")}</Th>
                </tr>
              </thead>
              <TBody>
                {cards.items.map((card) => (
                  <tr key={card.cardId} className="hover:bg-slate-50">
                    <Td>
                      <Link
                        href={cardHref(customer.id, card.cardId)}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {t("results.row.cardNumber", { id: card.cardId })}
                      </Link>
                      <div className="font-mono text-xs text-slate-500">{card.iccid}</div>
                    </Td>
                    <Td className="whitespace-nowrap tabular-nums">
                      {card.numbers
                        .filter((n) => !n.releasedAt)
                        .map((n) => (
                          <div key={n.msisdn}>{formatMsisdn(n.msisdn)}</div>
                        ))}
                    </Td>
                    <Td className="whitespace-nowrap">
                      <CardStateBadge {...cardStateBadgeProps(deriveCardState(card, now, graceDays))} />
                      <LifecycleNote line={{ ...card, state: deriveCardState(card, now, graceDays).state }} />
                    </Td>
                    <Td className="whitespace-nowrap">
                      <HkTime value={deriveCardState(card, now, graceDays).servedUntil} />
                    </Td>
                    <Td>
                      {card.period
                        ? localizedName(locale, {
                            en: card.period.planNameEn,
                            zh: card.period.planNameZh,
                            zhHant: card.period.planNameZhHant,
                          })
                        : "—"}
                    </Td>
                    <Td className="whitespace-nowrap">
                      <DataLeft dataLeft={card.dataLeft} hasPlan={card.period !== null} />
                    </Td>
                    <Td numeric>{formatMoney(card.storedValueHkdMinor, "HKD", locale)}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
          {cards.hasMore ? (
            <Link
              href={`/customers/${customer.id}?cardsAfter=${cards.items.at(-1)!.cardId}`}
              className={buttonClass("secondary", "mt-3")}
            >
              {t("customer.moreCards")}
            </Link>
          ) : null}
        </section>
        <CustomerTimeline
          customerId={customer.id}
          cards={cards.items.map((c) => ({ id: c.cardId, label: t("results.row.cardNumber", { id: c.cardId }) }))}
          cardId={queryId(query.card) ?? undefined}
          after={typeof query.timeline === "string" ? query.timeline : undefined}
          canLogContact={may.logContact(staff)}
        />
      </div>
    </>
  );
}

export default withClientMessages(["desk.contacts", "desk.context"], CustomerPage);
