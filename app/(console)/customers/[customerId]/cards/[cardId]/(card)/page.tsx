import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CardPaletteContext, type CardAction } from "@/components/palette/palette-context";
import { buttonClass } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { listCardAudit, listCardNotifications, listCardRenewals } from "@/db/queries/cards";
import { RetryActivation } from "@/app/(console)/renewals/[renewalId]/retry-activation";
import { requireStaff } from "@/lib/auth/session";
import { canVoid } from "@/lib/domain/renewal-quote";
import { may } from "@/lib/domain/permissions";
import { deriveCardState } from "@/lib/domain/card-state";
import { businessRules } from "@/lib/config";
import { formatMoney } from "@/lib/domain/money";
import { CustomerName, customerNameText } from "../../../../customer-name";
import { queryId } from "../../../../search-params";
import { AuditTrail } from "../audit-trail";
import { CardMessages } from "../card-messages";
import { CardStatus } from "../card-status";
import { DataUsage } from "../data-usage";
import { LifecycleHistory, LifecyclePanel } from "../lifecycle-panel";
import { DeskPanel } from "../desk-panel";
import { QueuedPeriods } from "../queued-periods";
import { RenewalHistory } from "../renewal-history";
import { RenewSamePlan } from "../renew-same-plan";
import { SimDetails } from "../sim-details";
import { loadCardPage } from "../load-card-page";
import { withClientMessages } from "@/lib/i18n/client-messages";

const RENEWALS_PER_PAGE = 10;
const MESSAGES_PER_PAGE = 10;
const AUDIT_PER_PAGE = 15;

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ customerId: string; cardId: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff({ permission: "lookUpCustomers" });
  const { customerId, cardId } = await params;
  const card = (await loadCardPage(customerId, cardId))?.card;
  const t = await getTranslations("cards");
  return {
    title: card
      ? `${t("title", { id: card.id })} · ${customerNameText(card.customerNameZh, card.customerNameEn)}`
      : t("title", { id: cardId }),
  };
}

/** Each history list pages on its own key; the others stay where they are. */
function pageHref(path: string, current: SearchParams, key: string, value: number | null): string {
  const query = new URLSearchParams();
  for (const name of ["renewals", "messages", "audit"]) {
    const kept = name === key ? (value === null ? null : String(value)) : current[name];
    if (typeof kept === "string") query.set(name, kept);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function Pager({
  href,
  newest,
  older,
  labels,
}: {
  href: (value: number | null) => string;
  newest: boolean;
  older: number | null;
  labels: { newest: string; older: string };
}) {
  if (!newest && older === null) return null;
  return (
    <div className="mt-3 flex gap-2">
      {newest ? (
        <Link href={href(null)} className={buttonClass("secondary", "px-3 py-1.5 text-xs")}>
          {labels.newest}
        </Link>
      ) : null}
      {older !== null ? (
        <Link href={href(older)} className={buttonClass("secondary", "px-3 py-1.5 text-xs")}>
          {labels.older}
        </Link>
      ) : null}
    </div>
  );
}

/** The agent's cockpit: can this card be renewed, and what does the customer have now? */
async function CardPage({ params, searchParams }: Props) {
  const staff = await requireStaff({ permission: "lookUpCustomers" });
  const { customerId: customerIdParam, cardId: cardIdParam } = await params;
  // Four statements after the session: this head (shared with the layout), renewals, messages, audit.
  const head = await loadCardPage(customerIdParam, cardIdParam);
  if (!head) notFound();
  const { card, periods } = head;

  const query = await searchParams;
  const renewalsAfter = queryId(query.renewals);
  const messagesAfter = queryId(query.messages);
  const auditAfter = queryId(query.audit);
  const now = new Date();
  const [renewals, messages, audit] = await Promise.all([
    listCardRenewals({ cardId: card.id, afterRenewalId: renewalsAfter, limit: RENEWALS_PER_PAGE }),
    listCardNotifications({ cardId: card.id, afterId: messagesAfter, limit: MESSAGES_PER_PAGE }),
    listCardAudit({ cardId: card.id, afterId: auditAfter, limit: AUDIT_PER_PAGE }),
  ]);

  const t = await getTranslations("cards");
  const nav = await getTranslations("nav");
  const locale = await getLocale();
  const status = deriveCardState(card, now, businessRules().graceDays);
  const path = `/customers/${card.customerId}/cards/${card.id}`;
  const href = (key: string) => (value: number | null) => pageHref(path, query, key, value);
  const palette = await getTranslations("palette.cardActions");
  const renewHref = status.renewable ? `${path}/renew` : null;
  // The newest renewal still standing; only the first page of history knows it.
  const latest = renewalsAfter === null ? renewals.items.find((r) => r.status !== "voided") : undefined;
  const latestVoidable =
    latest?.periodStartsAt &&
    may.voidRenewal(staff) &&
    canVoid({ status: latest.status, startsAt: latest.periodStartsAt, isLatest: true }, now);
  const paletteActions: CardAction[] = [
    ...(renewHref
      ? [
          { id: "renew", label: palette("renew"), href: renewHref, shortcut: "R" },
          { id: "renewSame", label: palette("renewSame"), href: `${renewHref}?plan=same` },
        ]
      : []),
    ...(latest ? [{ id: "resend", label: palette("resend"), href: `/renewals/${latest.id}#messages` }] : []),
    ...(latest && latestVoidable ? [{ id: "void", label: palette("void"), href: `/renewals/${latest.id}#void` }] : []),
    ...(status.state !== "suspended" &&
    status.state !== "replaced" &&
    status.state !== "expired" &&
    may.suspendCard(staff)
      ? [{ id: "suspend", label: palette("suspend"), href: `${path}/suspend` }]
      : []),
    ...(status.state === "suspended" && may.liftSuspension(staff)
      ? [{ id: "lift", label: palette("lift"), href: `${path}/lift` }]
      : []),
    ...(status.state !== "replaced" && status.state !== "expired" && may.replaceCard(staff)
      ? [{ id: "replace", label: palette("replace"), href: `${path}/replace` }]
      : []),
    ...(may.logContact(staff)
      ? [{ id: "logCall", label: palette("logCall"), href: `/customers/${card.customerId}#log-contact` }]
      : []),
    { id: "history", label: palette("history"), href: `${path}#renewal-history` },
    { id: "customer", label: palette("customer"), href: `/customers/${card.customerId}` },
  ];
  const cardTitle = `${customerNameText(card.customerNameZh, card.customerNameEn)} · ${t("title", { id: card.id })}`;

  return (
    <>
      <CardPaletteContext
        card={{ cardId: card.id, title: cardTitle, renewHref, actions: paletteActions }}
        visit={{ customerId: card.customerId, cardId: card.id, name: cardTitle, href: path }}
      />
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm text-slate-600">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/customers" className="hover:underline">
              {nav("customers")}
            </Link>
          </li>
          <li aria-hidden>›</li>
          <li>
            <Link href={`/customers/${card.customerId}`} className="hover:underline">
              <CustomerName nameZh={card.customerNameZh} nameEn={card.customerNameEn} />
            </Link>
          </li>
          <li aria-hidden>›</li>
          <li aria-current="page">{t("title", { id: card.id })}</li>
        </ol>
      </nav>
      <h1 className="mb-4 text-xl font-semibold tracking-tight text-slate-900">
        <CustomerName nameZh={card.customerNameZh} nameEn={card.customerNameEn} />{" "}
        <span className="font-normal text-slate-500">· {t("title", { id: card.id })}</span>
      </h1>

      <CardStatus card={card} status={status} now={now} renewHref={`${path}/renew`} />
      <RenewSamePlan renewHref={`${path}/renew?same=1`} renewals={renewals.items} renewable={status.renewable} />
      <LifecyclePanel
        card={card}
        lifecycle={head.lifecycle}
        status={status}
        staff={staff}
        path={path}
        done={query.lifecycle}
      />

      <div className="mb-6 grid gap-6 lg:grid-cols-3">
        <DataUsage current={periods.current} last={periods.last} />
        <Panel title={t("storedValue.title")}>
          <p
            className={`text-2xl font-semibold tabular-nums ${status.state === "expired" ? "text-slate-400 line-through" : "text-slate-900"}`}
            data-testid="stored-value"
          >
            {formatMoney(card.storedValueHkdMinor, "HKD", locale)}
          </p>
          <p className="mt-1 text-xs text-slate-600">
            {status.state === "expired" ? t("storedValue.forfeited") : t("storedValue.hint")}
          </p>
        </Panel>
        <SimDetails card={card} released={status.state === "expired"} />
      </div>

      <DeskPanel card={card} numbers={head.realNames} goodwill={head.goodwill} staff={staff} now={now} />

      {periods.queued.length ? (
        <div className="mb-6">
          <QueuedPeriods periods={periods.queued} />
        </div>
      ) : null}

      <section aria-labelledby="renewal-history" className="mb-6">
        <h2 id="renewal-history" className="mb-3 text-sm font-semibold text-slate-800">
          {t("history.title")}
        </h2>
        <RenewalHistory
          renewals={renewals.items}
          actions={(renewal) => {
            // The newest renewal still standing is the only one a void may take back.
            const latest =
              renewalsAfter === null && renewals.items.find((r) => r.status !== "voided")?.id === renewal.id;
            const voidLink =
              renewal.periodStartsAt &&
              may.voidRenewal(staff) &&
              canVoid({ status: renewal.status, startsAt: renewal.periodStartsAt, isLatest: latest }, new Date()) ? (
                <Link
                  href={`/renewals/${renewal.id}#void`}
                  className="text-sm font-medium text-red-700 hover:underline"
                >
                  {t("history.void")}
                </Link>
              ) : null;
            if (renewal.status === "paid")
              return (
                <div className="flex flex-wrap items-center gap-3">
                  <RetryActivation renewalId={renewal.id} />
                  {voidLink}
                </div>
              );
            return voidLink;
          }}
        />
        <Pager
          href={href("renewals")}
          newest={renewalsAfter !== null}
          older={renewals.hasMore ? renewals.items.at(-1)!.id : null}
          labels={{ newest: t("history.newest"), older: t("history.older") }}
        />
      </section>

      <div className="mb-6">
        <LifecycleHistory lifecycle={head.lifecycle} />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title={t("notifications.title")}>
          <CardMessages messages={messages.items} />
          <Pager
            href={href("messages")}
            newest={messagesAfter !== null}
            older={messages.hasMore ? messages.items.at(-1)!.id : null}
            labels={{ newest: t("notifications.newest"), older: t("notifications.older") }}
          />
        </Panel>
        <Panel title={t("audit.title")}>
          <AuditTrail events={audit.items} />
          <Pager
            href={href("audit")}
            newest={auditAfter !== null}
            older={audit.hasMore ? audit.items.at(-1)!.id : null}
            labels={{ newest: t("audit.newest"), older: t("audit.older") }}
          />
        </Panel>
      </div>
    </>
  );
}

export default withClientMessages(["renewals.retryActivation", "lifecycle.carrier"], CardPage);
