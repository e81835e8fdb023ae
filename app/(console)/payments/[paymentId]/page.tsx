import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, Panel } from "@/components/ui/panel";
import { getPaymentReceipt } from "@/db/queries/desk";
import { requireStaff } from "@/lib/auth/session";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { formatMoney } from "@/lib/domain/money";
import { routeId } from "@/lib/domain/route-id";
import { PrintButton } from "../../renewals/[renewalId]/print-button";
import { customerNameText } from "../../customers/customer-name";
import { ReconciliationState } from "../reconciliation-state";
import { withClientMessages } from "@/lib/i18n/client-messages";

type Props = {
  params: Promise<{ paymentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await getTranslations("desk.receipt"))("title", { id: (await params).paymentId }) };
}

/** A top-up's receipt (printable). A renewal's payment has the renewal's own receipt. */
async function PaymentReceiptPage({ params, searchParams }: Props) {
  const staff = await requireStaff({ permission: "lookUpCustomers" });
  const id = routeId((await params).paymentId);
  const receipt = id ? await getPaymentReceipt(id) : null;
  if (!receipt || receipt.purpose !== "top_up") notFound();
  const done = (await searchParams).done === "1";
  const t = await getTranslations("desk.receipt");
  const methods = await getTranslations("renewals.methods");
  const reconciliation = await getTranslations("reconciliation.receipt");
  const locale = await getLocale();
  const cardHref = `/customers/${receipt.customerId}/cards/${receipt.cardId}`;
  return (
    <>
      <PageHeader
        title={t("title", { id: receipt.id })}
        description={customerNameText(receipt.nameZh, receipt.nameEn)}
        actions={
          <>
            <PrintButton label={t("print")} />
            <Link href={cardHref} className="no-print text-sm font-medium text-brand-700 hover:underline">
              {t("backToCard")}
            </Link>
          </>
        }
      />
      {done ? (
        <div className="mb-4">
          <Notice tone="success">{t("done")}</Notice>
        </div>
      ) : null}
      <Panel>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t("amount")}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid="receipt-amount">
              {formatMoney(receipt.amountMinor, receipt.currency, locale)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("balanceAfter")}</dt>
            <dd className="text-lg font-semibold tabular-nums">
              {receipt.balanceAfterMinor === null ? "—" : formatMoney(receipt.balanceAfterMinor, "HKD", locale)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("method")}</dt>
            <dd>{methods(receipt.method)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("reference")}</dt>
            <dd className="font-mono">{receipt.reference ?? t("noReference")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{reconciliation("label")}</dt>
            <dd>
              <ReconciliationState paymentId={receipt.id} method={receipt.method} viewer={staff} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("received")}</dt>
            <dd>
              <HkTime value={receipt.receivedAt} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("by")}</dt>
            <dd>{receipt.receivedByName ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("card")}</dt>
            <dd className="font-mono text-xs">{receipt.iccid}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("sms")}</dt>
            <dd>
              {receipt.messages.length === 0
                ? t("noSms")
                : receipt.messages.map((m) => (
                    <p key={m.id}>
                      {formatMsisdn(m.toMsisdn)} · {m.body}
                    </p>
                  ))}
            </dd>
          </div>
        </dl>
      </Panel>
    </>
  );
}

export default withClientMessages([], PaymentReceiptPage);
