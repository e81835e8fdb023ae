import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, Panel } from "@/components/ui/panel";
import { getRenewalReceipt } from "@/db/queries/renewals";
import { requireStaff } from "@/lib/auth/session";
import { formatDataMb, formatHkt } from "@/lib/domain/format";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { formatMoney } from "@/lib/domain/money";
import { canVoid } from "@/lib/domain/renewal-quote";
import { may } from "@/lib/domain/permissions";
import { routeId } from "@/lib/domain/route-id";
import { ReconciliationState } from "../../payments/reconciliation-state";
import { NextInWorklist } from "./next-in-worklist";
import { CustomerReceipt } from "./customer-receipt";
import { PrintButton } from "./print-button";
import { ResendSms, VoidRenewal } from "./renewal-actions";
import { RetryActivation } from "./retry-activation";
import { localizedName } from "@/lib/domain/plan-names";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata({ params }: { params: Promise<{ renewalId: string }> }): Promise<Metadata> {
  return { title: (await getTranslations("renewals"))("receiptTitle", { id: (await params).renewalId }) };
}

const statusTone = { paid: "amber", activated: "green", voided: "neutral" } as const;

async function RenewalReceiptPage({
  params,
  searchParams,
}: {
  params: Promise<{ renewalId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff({ permission: "lookUpCustomers" });
  const renewalId = routeId((await params).renewalId);
  if (!renewalId) notFound();
  const receipt = await getRenewalReceipt(renewalId);
  if (!receipt) notFound();
  const t = await getTranslations("renewals");
  const reconciliation = await getTranslations("reconciliation.receipt");
  const locale = await getLocale();
  const query = await searchParams;
  const done = query.done === "1";
  const r = receipt;
  const voidable =
    may.voidRenewal(staff) &&
    canVoid({ status: r.status, startsAt: r.periodStartsAt, isLatest: r.isLatest }, new Date());
  const planName = localizedName(locale, { en: r.planNameEn, zh: r.planNameZh, zhHant: r.planNameZhHant });

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {t("receiptTitle", { id: r.id })}
            <Badge tone={statusTone[r.status]}>{t(`status.${r.status}`)}</Badge>
          </span>
        }
        description={<HkTime value={r.createdAt} seconds />}
        actions={
          <>
            <Link
              href={`/customers/${r.customerId}/cards/${r.cardId}`}
              className="no-print text-sm font-medium text-brand-700 hover:underline"
            >
              ← {t("backToCard")}
            </Link>
            <PrintButton label={t("print")} />
          </>
        }
      />
      {done && r.status === "activated" ? <Notice tone="success">{t("done")}</Notice> : null}
      {done && r.status === "paid" ? <Notice tone="warning">{t("donePaidNotActive")}</Notice> : null}
      {done ? <NextInWorklist queue={query.queue} /> : null}

      <CustomerReceipt
        language={r.customerLanguage}
        receipt={{
          renewalId: r.id,
          createdAt: r.createdAt,
          planName: { en: r.planNameEn, zh: r.planNameZh, zhHant: r.planNameZhHant },
          amountMinor: r.paymentAmountMinor,
          currency: r.paymentCurrency,
          method: r.paymentMethod,
          reference: r.paymentReference,
          iccid: r.iccid,
          msisdn: r.smsMsisdn,
          validityEnd: r.status === "voided" ? r.previousValidityEnd : r.newValidityEnd,
          status: r.status,
        }}
      />

      <Panel className="no-print">
        <dl className="grid gap-x-8 gap-y-4 text-sm sm:grid-cols-2">
          <Item label={t("customer")}>
            <Link href={`/customers/${r.customerId}`} className="font-medium text-brand-700 hover:underline">
              {[r.nameZh, r.nameEn].filter(Boolean).join(" · ")}
            </Link>
          </Item>
          <Item label={t("card")}>
            <span className="font-mono">{r.iccid}</span>
          </Item>
          <Item label={t("plan")}>{t("planVersion", { name: planName, version: r.planVersion })}</Item>
          <Item label={t("dataGranted")}>
            {t("mainland")} {formatDataMb(r.dataCnMb, locale)} · {t("hongKong")} {formatDataMb(r.dataHkMb, locale)}
          </Item>
          <Item label={t("period")}>
            <HkTime value={r.periodStartsAt} /> → <HkTime value={r.periodEndsAt} />
          </Item>
          <Item label={t("validity")}>
            <HkTime value={r.previousValidityEnd} /> →{" "}
            <strong data-testid="receipt-new-validity">
              <HkTime value={r.newValidityEnd} />
            </strong>
          </Item>
          <Item label={t("rule")}>
            {t(
              `rules.${r.extensionMode === "max_from_today" ? "max_from_today" : r.cardState === "grace" ? "stack_grace" : "stack"}`,
            )}
          </Item>
          <Item label={t("paidBy")}>
            <span className="font-semibold tabular-nums">
              {t("paidWith", {
                amount: formatMoney(r.paymentAmountMinor, r.paymentCurrency, locale),
                method: t(`methods.${r.paymentMethod}`),
              })}
            </span>
            {r.paymentReference ? (
              <span className="block font-mono text-xs text-slate-600">
                {t("referenceShort", { reference: r.paymentReference })}
              </span>
            ) : null}
          </Item>
          <Item label={t("receivedAt")}>
            <HkTime value={r.paymentReceivedAt} seconds />
          </Item>
          <Item label={reconciliation("label")}>
            <ReconciliationState paymentId={r.paymentId} method={r.paymentMethod} viewer={staff} />
          </Item>
          <Item label={t("soldBy")}>{r.sellerName ?? t("selfService")}</Item>
          <Item label={t("activation")}>
            {r.status === "activated" && r.activatedAt ? `${t("activatedAt")} ` : null}
            {r.status === "activated" && r.activatedAt ? <HkTime value={r.activatedAt} /> : null}
            {r.status !== "activated" ? t(`status.${r.status}`) : null}
          </Item>
          {r.status === "voided" && r.voidedAt ? (
            <Item label={t("status.voided")}>
              {t("voided", { name: r.voiderName ?? "—", reason: r.voidReason ?? "" })} <HkTime value={r.voidedAt} />
              {r.refundAmountMinor !== null ? (
                <span className="block font-medium">
                  {t("refund", { amount: formatMoney(r.refundAmountMinor, r.paymentCurrency, locale) })}
                  {r.refundMethod ? ` · ${t(`methods.${r.refundMethod}`)}` : null}
                  {r.refundReference ? (
                    <span className="block font-mono text-xs font-normal text-slate-600">
                      {t("referenceShort", { reference: r.refundReference })}
                    </span>
                  ) : null}
                </span>
              ) : null}
            </Item>
          ) : null}
        </dl>
      </Panel>

      {r.status === "paid" ? (
        <Panel title={t("activation")} className="no-print">
          <div className="space-y-3">
            <Notice tone="warning">{t("activationFailed", { error: r.lastActivationError ?? "—" })}</Notice>
            <RetryActivation renewalId={r.id} />
          </div>
        </Panel>
      ) : null}

      <Panel title={<span id="messages">{t("messages")}</span>} className="no-print">
        {r.messages.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noMessages")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {r.messages.map((m) => (
              <li key={m.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 py-2 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">
                    {t(`messageKinds.${m.kind}`)} · <span className="tabular-nums">{formatMsisdn(m.toMsisdn)}</span> ·{" "}
                    <span
                      className={
                        m.status === "sent"
                          ? "text-emerald-700"
                          : m.status === "failed"
                            ? "text-red-700"
                            : "text-amber-800"
                      }
                    >
                      {t(`messageStatus.${m.status}`)}
                    </span>{" "}
                    {m.sentAt ? <HkTime value={m.sentAt} className="text-slate-500" /> : null}
                  </p>
                  <p className="mt-0.5 text-slate-600">{m.body}</p>
                </div>
                {m.status === "sent" ? <ResendSms notificationId={m.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Panel>

      {voidable ? (
        <Panel title={<span id="void">{t("voidTitle")}</span>} className="no-print">
          <VoidRenewal
            renewalId={r.id}
            paymentMethod={r.paymentMethod}
            notActivated={r.status === "paid"}
            amount={formatMoney(r.paymentAmountMinor, r.paymentCurrency, locale)}
            validityBackTo={formatHkt(r.previousValidityEnd, { locale })}
          />
        </Panel>
      ) : null}
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

export default withClientMessages(["renewals", "desk.context"], RenewalReceiptPage);
