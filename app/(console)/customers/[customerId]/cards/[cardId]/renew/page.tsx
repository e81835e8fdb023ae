import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { randomUUID } from "node:crypto";
import { CardStateBadge } from "@/components/cards/card-state-badge";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, Panel } from "@/components/ui/panel";
import { getRenewalContext } from "@/db/queries/renewals";
import { listSellablePlans } from "@/db/queries/plans";
import { requireStaff } from "@/lib/auth/session";
import { daysLeft, deriveCardState } from "@/lib/domain/card-state";
import { businessRules } from "@/lib/config";
import { formatDataMb, type Locale } from "@/lib/domain/format";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { formatMoney } from "@/lib/domain/money";
import { routeId } from "@/lib/domain/route-id";
import { RenewForm } from "./renew-form";
import { localizedName } from "@/lib/domain/plan-names";
import { formatQueue, parseQueue } from "@/lib/domain/worklist-queue";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("renewals"))("renewTitle") };
}

async function RenewPage({
  params,
  searchParams,
}: {
  params: Promise<{ customerId: string; cardId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff({ permission: "renewCard" });
  const queue = formatQueue(parseQueue((await searchParams).queue));
  const { customerId: customerIdParam, cardId: cardIdParam } = await params;
  const customerId = routeId(customerIdParam);
  const cardId = routeId(cardIdParam);
  if (!customerId || !cardId) notFound();
  // "Renew the same plan" (the card page's ?same=1, the palette's ?plan=same) also puts focus on the reference.
  const query = await searchParams;
  const wantsSame = query.same === "1" || query.plan === "same";
  const [context, plans] = await Promise.all([getRenewalContext(customerId, cardId), listSellablePlans()]);
  if (!context) notFound();
  const t = await getTranslations("renewals");
  const locale = await getLocale();
  const { card, numbers, currentPeriod, lastRenewal } = context;
  // Smart defaults: the card's current plan (if still on sale) and the number its last confirmation went to.
  const samePlan = lastRenewal ? plans.find((p) => p.planId === lastRenewal.planId) : undefined;
  const lastNumber = numbers.find((n) => n.msisdn === lastRenewal?.smsMsisdn)?.msisdn;
  const now = new Date();
  const info = deriveCardState(card, now, businessRules().graceDays);
  const customerName = [card.nameZh, card.nameEn].filter(Boolean).join(" · ");
  const cardHref = `/customers/${card.customerId}/cards/${card.id}`;

  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title={t("renewTitle")}
        description={
          <>
            {customerName} · <span className="font-mono">{card.iccid}</span>
          </>
        }
        actions={
          <Link href={cardHref} className="text-sm font-medium text-brand-700 hover:underline">
            ← {t("backToCard")}
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <Panel title={t("cardNow")} className="h-fit">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">{t("state")}</dt>
              <dd className="mt-0.5 flex items-center gap-2">
                <CardStateBadge state={info.state} />
                {info.state === "grace" ? (
                  <span className="text-amber-800">
                    {t("graceUntil")} <HkTime value={info.graceEndsAt} />
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("validityEnd")}</dt>
              <dd className="mt-0.5 font-medium">
                <HkTime value={card.validityEnd} />{" "}
                {info.state === "active" ? (
                  <span className="text-slate-500">· {t("daysLeft", { days: daysLeft(card.validityEnd, now) })}</span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("dataLeft")}</dt>
              <dd className="mt-1 space-y-2">
                {currentPeriod ? (
                  <>
                    <DataBar
                      label={t("mainland")}
                      used={currentPeriod.usedCnMb}
                      total={currentPeriod.dataCnMb}
                      locale={locale}
                      usedOf={t}
                    />
                    <DataBar
                      label={t("hongKong")}
                      used={currentPeriod.usedHkMb}
                      total={currentPeriod.dataHkMb}
                      locale={locale}
                      usedOf={t}
                    />
                  </>
                ) : (
                  <span className="text-slate-600">{t("noCurrentPeriod")}</span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("storedValue")}</dt>
              <dd className="mt-0.5 font-medium tabular-nums">
                {formatMoney(card.storedValueHkdMinor, "HKD", locale)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("numbers")}</dt>
              <dd className="mt-0.5 space-y-0.5">
                {numbers.map((n) => (
                  <p key={n.msisdn}>
                    <span className="font-mono">{formatMsisdn(n.msisdn)}</span>{" "}
                    <span className="text-xs text-slate-500">· {t(`realName.${n.realNameStatus}`)}</span>
                  </p>
                ))}
              </dd>
            </div>
          </dl>
        </Panel>

        <div>
          {info.renewable ? (
            plans.length === 0 ? (
              <Notice tone="warning">{t("noPlans")}</Notice>
            ) : (
              <RenewForm
                cardId={card.id}
                idempotencyKey={randomUUID()}
                samePlanMissing={wantsSame && !samePlan}
                queue={queue || undefined}
                storedValueHkdMinor={card.storedValueHkdMinor}
                defaultLanguage={card.preferredLanguage}
                defaultPlanVersionId={samePlan?.planVersionId ?? null}
                defaultSmsMsisdn={lastNumber ?? null}
                focusPayment={wantsSame && !!samePlan}
                numbers={numbers.map((n) => n.msisdn)}
                plans={plans.map((p) => ({
                  planVersionId: p.planVersionId,
                  name: localizedName(locale, { en: p.nameEn, zh: p.nameZh, zhHant: p.nameZhHant }),
                  days: p.validityDays,
                  dataCn: formatDataMb(p.dataCnMb, locale),
                  dataHk: formatDataMb(p.dataHkMb, locale),
                  priceHkdMinor: p.priceHkdMinor,
                  priceCnyMinor: p.priceCnyMinor,
                  countsFromToday: p.extensionMode === "max_from_today",
                }))}
              />
            )
          ) : (
            <Notice tone="error">
              {info.state === "expired"
                ? t("notRenewable.expired")
                : t("notRenewable.suspended", { reason: t(`suspensionReasons.${card.suspensionReason ?? "other"}`) })}
            </Notice>
          )}
        </div>
      </div>
    </div>
  );
}

function DataBar({
  label,
  used,
  total,
  locale,
  usedOf,
}: {
  label: string;
  used: number;
  total: number;
  locale: Locale;
  usedOf: (key: "usedOf", values: { used: string; total: string }) => string;
}) {
  const percent = total === 0 ? 0 : Math.min(100, Math.round((used / total) * 100));
  return (
    <div>
      <div className="flex justify-between text-xs">
        <span className="font-medium text-slate-700">{label}</span>
        <span className="text-slate-500">
          {usedOf("usedOf", { used: formatDataMb(used, locale), total: formatDataMb(total, locale) })}
        </span>
      </div>
      <div
        className="mt-1 h-2 rounded-full bg-slate-100"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={used}
      >
        <div
          className={`h-2 rounded-full ${percent > 90 ? "bg-red-500" : "bg-brand-600"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}

export default withClientMessages(["renewals"], RenewPage);
