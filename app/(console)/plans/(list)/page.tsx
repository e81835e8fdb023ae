import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { countCardsOnPlanVersionsNow, countRecentRenewalsByPlan, listPlans, PLAN_LIST_LIMIT } from "@/db/queries/plans";
import { requireStaff } from "@/lib/auth/session";
import { formatNumber } from "@/lib/domain/format";
import { may } from "@/lib/domain/permissions";
import { parsePlanListParams } from "@/lib/validation/plans";
import { PlanFilters } from "../plan-filters";
import { PlanStatusBadge } from "../plan-status-badge";
import { PlanTermCells, PlanTermHeaders } from "../plan-terms";
import { localizedName } from "@/lib/domain/plan-names";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("title") };
}

export default async function PlansPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff();
  const raw = await searchParams;
  const params = parsePlanListParams(raw);
  const canEdit = may.manageCatalog(staff);
  const [t, locale] = [await getTranslations("plans"), await getLocale()];

  const { items, truncated } = await listPlans(params);
  const ids = items.map((plan) => plan.id);
  const [renewals30d, cardsOnVersions] = await Promise.all([
    countRecentRenewalsByPlan(ids, 30),
    countCardsOnPlanVersionsNow(ids),
  ]);
  const currentVersion = new Map(items.map((plan) => [plan.id, plan.versionId]));
  const cards = new Map<number, { total: number; older: number }>();
  for (const row of cardsOnVersions) {
    const entry = cards.get(row.planId) ?? { total: 0, older: 0 };
    entry.total += row.cards;
    if (currentVersion.get(row.planId) !== row.planVersionId) entry.older += row.cards;
    cards.set(row.planId, entry);
  }
  const deleted = typeof raw.deleted === "string" ? raw.deleted.slice(0, 40) : null;
  const filtered = params.status !== "all" || params.q !== "";

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canEdit ? (
            <Link href="/plans/new" className={buttonClass("primary")}>
              {t("newPlan")}
            </Link>
          ) : null
        }
      />
      {deleted ? (
        <Notice tone="success" className="mb-4">
          {t("deleted", { code: deleted })}
        </Notice>
      ) : null}
      {!canEdit ? <Notice className="mb-4">{t("readOnly")}</Notice> : null}
      <PlanFilters status={params.status} q={params.q} />
      {items.length === 0 ? (
        <EmptyState
          title={filtered ? t("empty") : t("emptyCatalog")}
          body={filtered ? t("emptyBody") : canEdit ? t("emptyCatalogBody") : undefined}
        />
      ) : (
        <Table caption={t("caption")}>
          <thead>
            <tr>
              <Th>{t("columns.plan")}</Th>
              <Th>{t("columns.status")}</Th>
              <PlanTermHeaders />
              <Th numeric>{t("columns.cardsNow")}</Th>
              <Th numeric>{t("columns.renewals30d")}</Th>
              {canEdit ? <Th className="text-right">{t("columns.actions")}</Th> : null}
            </tr>
          </thead>
          <TBody>
            {items.map((plan) => {
              const primary = localizedName(locale, { en: plan.nameEn, zh: plan.nameZh, zhHant: plan.nameZhHant });
              const secondary =
                locale === "en"
                  ? localizedName("zh-Hant", { en: plan.nameEn, zh: plan.nameZh, zhHant: plan.nameZhHant })
                  : plan.nameEn;
              const onPlan = cards.get(plan.id);
              return (
                <tr key={plan.id}>
                  <Td>
                    <p className="font-medium text-slate-900">{primary}</p>
                    <p className="text-xs text-slate-600">
                      <span className="font-mono">{plan.code}</span>
                      {plan.version ? ` · ${t("version", { version: plan.version })}` : null} ·{" "}
                      <span lang={locale === "en" ? "zh-Hant" : "en"}>{secondary}</span>
                    </p>
                  </Td>
                  <Td>
                    <PlanStatusBadge status={plan.status} />
                  </Td>
                  {plan.terms ? (
                    <PlanTermCells terms={plan.terms} />
                  ) : (
                    <Td colSpan={6} className="text-slate-500">
                      {t("noTerms")}
                    </Td>
                  )}
                  <Td numeric>
                    {formatNumber(onPlan?.total ?? 0, locale)}
                    {onPlan?.older ? (
                      <p className="text-xs text-slate-500">
                        {t("onOlderVersions", { count: formatNumber(onPlan.older, locale) })}
                      </p>
                    ) : null}
                  </Td>
                  <Td numeric>{formatNumber(renewals30d.get(plan.id) ?? 0, locale)}</Td>
                  {canEdit ? (
                    <Td className="text-right">
                      <Link
                        href={`/plans/${plan.id}`}
                        aria-label={t("editLabel", { code: plan.code })}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {t("edit")}
                      </Link>
                    </Td>
                  ) : null}
                </tr>
              );
            })}
          </TBody>
        </Table>
      )}
      {truncated ? (
        <Notice tone="warning" className="mt-4">
          {t("truncated", { count: PLAN_LIST_LIMIT })}
        </Notice>
      ) : null}
    </>
  );
}
