import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, Panel } from "@/components/ui/panel";
import { listEntityActivity } from "@/db/queries/audit-trail";
import { countCardsOnPlanVersionsNow, countRecentRenewalsByPlan, getPlan, listPlanVersions } from "@/db/queries/plans";
import { requireStaff } from "@/lib/auth/session";
import { formatNumber } from "@/lib/domain/format";
import { routeId } from "@/lib/domain/route-id";
import { dataAllowanceInput, priceInput } from "@/lib/validation/plans";
import { updatePlanAction } from "../actions";
import { PlanForm, type PlanFormDefaults } from "../plan-form";
import { PlanStatusBadge } from "../plan-status-badge";
import { PlanActivity } from "./plan-activity";
import { PlanStatusActions } from "./plan-status-actions";
import { VersionHistory } from "./version-history";
import { localizedName } from "@/lib/domain/plan-names";
import { withClientMessages } from "@/lib/i18n/client-messages";

type Params = {
  params: Promise<{ planId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function loadPlan(planIdParam: string) {
  const planId = routeId(planIdParam);
  const plan = planId === null ? null : await getPlan(planId);
  if (!plan) notFound();
  return plan;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireStaff({ permission: "manageCatalog" });
  const plan = await loadPlan((await params).planId);
  return { title: plan.code };
}

async function PlanPage({ params, searchParams }: Params) {
  await requireStaff({ permission: "manageCatalog" });
  const plan = await loadPlan((await params).planId);
  const t = await getTranslations("plans");
  const locale = await getLocale();
  const [versions, activity, cardsOnVersions, renewals30d] = await Promise.all([
    listPlanVersions(plan.id),
    listEntityActivity({ type: "plan", id: plan.id }),
    countCardsOnPlanVersionsNow([plan.id]),
    countRecentRenewalsByPlan([plan.id], 30),
  ]);
  const cards = new Map(cardsOnVersions.map((row) => [row.planVersionId, row.cards]));
  const cardsTotal = cardsOnVersions.reduce((sum, row) => sum + row.cards, 0);
  const names = { en: plan.nameEn, zh: plan.nameZh, zhHant: plan.nameZhHant };
  const [title, subtitle] = [localizedName(locale, names), locale === "en" ? names.zhHant : plan.nameEn];
  const created = (await searchParams).created === "1";

  const terms = plan.terms;
  const dataCn = dataAllowanceInput(terms?.dataCnMb ?? 0);
  const dataHk = dataAllowanceInput(terms?.dataHkMb ?? 0);
  const defaults: PlanFormDefaults = {
    code: plan.code,
    nameEn: plan.nameEn,
    nameZh: plan.nameZh,
    nameZhHant: plan.nameZhHant,
    sortOrder: String(plan.sortOrder),
    validityDays: terms ? String(terms.validityDays) : "",
    dataCn: terms ? dataCn.value : "",
    dataCnUnit: dataCn.unit,
    dataHk: terms ? dataHk.value : "",
    dataHkUnit: dataHk.unit,
    priceHkd: terms ? priceInput(terms.priceHkdMinor) : "",
    priceCny: terms ? priceInput(terms.priceCnyMinor) : "",
    extensionMode: terms?.extensionMode ?? "stack",
  };
  const nextVersion = (versions[0]?.version ?? 0) + 1;

  return (
    <>
      <Link href="/plans" className="text-sm text-brand-700 hover:underline">
        ← {t("detail.back")}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {title} <PlanStatusBadge status={plan.status} />
          </span>
        }
        description={
          <>
            <span className="font-mono">{plan.code}</span> ·{" "}
            <span lang={locale === "en" ? "zh-Hant" : "en"}>{subtitle}</span>
          </>
        }
      />
      {created ? (
        <Notice tone="success" className="mb-4">
          {t("detail.created")}
        </Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Panel title={t("detail.editTitle")} className="lg:col-span-2">
          <PlanForm
            action={updatePlanAction}
            defaults={defaults}
            edit={{ planId: plan.id, lockVersion: plan.lockVersion, nextVersion }}
          />
        </Panel>
        <div className="space-y-6">
          <Panel title={t("actions.label")}>
            <PlanStatusActions planId={plan.id} lockVersion={plan.lockVersion} status={plan.status} />
          </Panel>
          <Panel title={t("detail.current")}>
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-slate-500">{t("fields.version")}</dt>
                <dd className="font-medium">
                  {plan.version ? t("version", { version: plan.version }) : t("noTerms")}
                  {versions[0] ? (
                    <span className="font-normal text-slate-600">
                      {" · "}
                      {t("detail.effectiveFrom")}{" "}
                      <HkTime
                        value={
                          versions.find((v) => v.versionId === plan.versionId)?.effectiveFrom ??
                          versions[0].effectiveFrom
                        }
                      />
                    </span>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("detail.cardsNow")}</dt>
                <dd className="font-medium tabular-nums">{formatNumber(cardsTotal, locale)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("detail.renewals30d")}</dt>
                <dd className="font-medium tabular-nums">{formatNumber(renewals30d.get(plan.id) ?? 0, locale)}</dd>
              </div>
            </dl>
            <p className="mt-3 text-xs text-slate-600">
              {plan.updatedByName
                ? t("detail.lastChange", { name: plan.updatedByName })
                : t("detail.lastChangeUnknown")}
              {" · "}
              <HkTime value={plan.updatedAt} />
            </p>
          </Panel>
        </div>
      </div>
      <section aria-labelledby="versions" className="mt-8">
        <h2 id="versions" className="mb-3 text-base font-semibold text-slate-900">
          {t("detail.versions")}
        </h2>
        <VersionHistory versions={versions} currentVersionId={plan.versionId} cards={cards} />
      </section>
      <section aria-labelledby="activity" className="mt-8">
        <h2 id="activity" className="mb-3 text-base font-semibold text-slate-900">
          {t("detail.activity")}
        </h2>
        <Panel>
          <PlanActivity entries={activity} />
        </Panel>
      </section>
    </>
  );
}

export default withClientMessages(["plans"], PlanPage);
