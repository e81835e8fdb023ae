import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, Panel } from "@/components/ui/panel";
import { getSettlementLine } from "@/db/queries/reconciliation";
import { requireStaff } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain/money";
import { routeId } from "@/lib/domain/route-id";
import { OutcomeBadge } from "../../outcome-badge";
import { ResolveForm } from "./resolve-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

type Props = { params: Promise<{ lineId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reconciliation.line"))("resolveTitle") };
}

/** One exception: the file's side, the console's side, and its resolution (or the form to give one). */
async function SettlementLinePage({ params }: Props) {
  await requireStaff({ permission: "reconcileSettlements" });
  const id = routeId((await params).lineId);
  const line = id ? await getSettlementLine(id) : null;
  if (!line) notFound();
  const t = await getTranslations("reconciliation");
  const locale = await getLocale();
  const money = (minor: number | null, currency: "HKD" | "CNY" | null) =>
    minor === null || currency === null ? "—" : formatMoney(minor, currency, locale);
  const title =
    line.lineNo === null
      ? t("line.consoleTitle", { kind: t(`kinds.${line.kind}`), fileId: line.fileId })
      : t("line.title", { lineNo: line.lineNo, fileId: line.fileId });
  return (
    <>
      <PageHeader
        title={title}
        actions={
          <Link
            href={`/reconciliation/${line.fileId}?outcome=exceptions`}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            {t("line.back")}
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title={t("file.outcome")}>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div className="sm:col-span-2">
              <dt className="sr-only">{t("file.outcome")}</dt>
              <dd>
                <OutcomeBadge outcome={line.outcome} resolution={line.resolution} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("file.reference")}</dt>
              <dd className="font-mono text-xs">{line.reference ?? line.consoleReference ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("file.kind")}</dt>
              <dd>{t(`kinds.${line.kind}`)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("file.fileAmount")}</dt>
              <dd className="text-lg font-semibold tabular-nums">{money(line.amountMinor, line.currency)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("file.consoleAmount")}</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {money(line.consoleAmountMinor, line.consoleCurrency)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("file.time")}</dt>
              <dd>
                {line.occurredAt ? (
                  <HkTime value={line.occurredAt} seconds />
                ) : line.consoleAt ? (
                  <HkTime value={line.consoleAt} seconds />
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div className="flex flex-col gap-1">
              {line.renewalId ? (
                <Link href={`/renewals/${line.renewalId}`} className="text-brand-700 hover:underline">
                  {t("line.openRenewal")} #{line.renewalId}
                </Link>
              ) : null}
              {line.cardId && line.customerId ? (
                <Link
                  href={`/customers/${line.customerId}/cards/${line.cardId}`}
                  className="text-brand-700 hover:underline"
                >
                  {t("line.openCard")}
                </Link>
              ) : null}
            </div>
          </dl>
        </Panel>
        <Panel title={t("line.resolveTitle")}>
          {line.outcome === "matched" ? (
            <Notice>{t("errors.notException")}</Notice>
          ) : line.resolvedAt ? (
            <div className="space-y-2 text-sm">
              <p className="font-medium">{t(`resolutions.${line.resolution!}`)}</p>
              <p className="whitespace-pre-wrap">{line.resolutionNote}</p>
              {line.linkedRenewalId ? (
                <Link href={`/renewals/${line.linkedRenewalId}`} className="text-brand-700 hover:underline">
                  {t("line.openRenewal")} #{line.linkedRenewalId}
                </Link>
              ) : null}
              <p className="text-slate-600">
                {t("line.resolvedBy", { name: line.resolvedByName ?? "—" })} · <HkTime value={line.resolvedAt} />
              </p>
            </div>
          ) : (
            <ResolveForm lineId={line.id} renewalId={line.renewalId} />
          )}
        </Panel>
      </div>
    </>
  );
}

export default withClientMessages(["reconciliation"], SettlementLinePage);
