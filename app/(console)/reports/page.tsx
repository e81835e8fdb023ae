import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listDailyLifecycle, listDailyReplacementFees } from "@/db/queries/lifecycle-reports";
import { ChartContainer } from "@/components/charts/chart-container";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/panel";
import { loadReport, type Viewer } from "@/db/queries/reports";
import { requireStaff } from "@/lib/auth/session";
import { businessRules } from "@/lib/config";
import { formatNumber } from "@/lib/domain/format";
import { may } from "@/lib/domain/permissions";
import { formatMoney } from "@/lib/domain/money";
import { change, headline, volumeDimensions, type Comparison, type VolumeDimension } from "@/lib/domain/reports/model";
import type { ReportRange } from "@/lib/domain/reports/range";
import { RangeControls } from "./range-controls";
import {
  expirationsChart,
  outcomesChart,
  revenueChart,
  volumeChart,
  type ChartModel,
  type ChartName,
} from "./report-charts";
import { readReportParams, reportHref, type ReportQuery, type SearchParams } from "./report-params";
import { ReportSkeleton } from "./report-skeleton";
import { ReportsNav } from "./reports-nav";
import { SegmentedLinks } from "./segmented-links";
import { StatCard } from "./stat-card";
import { GoodwillSummary } from "./goodwill-summary";
import { currencies } from "@/lib/domain/enums";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff({ permission: "viewReports" });
  const now = new Date();
  const { range, by, query } = readReportParams(await searchParams, now);
  const t = await getTranslations("reports");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ReportsNav current="overview" />
      <div className="space-y-6">
        <div className="space-y-2">
          <RangeControls range={range} query={query} />
          {range.invalid ? <Notice tone="warning">{t(`range.invalid.${range.invalid}`)}</Notice> : null}
          <p className="text-sm text-slate-600" data-testid="range-summary">
            {t("range.summary", {
              from: range.from,
              to: range.to,
              days: range.days,
              previousFrom: range.previous.from,
              previousTo: range.previous.to,
            })}
          </p>
        </div>
        {/* Keyed by the URL state, so a new range shows the skeleton while its figures load. */}
        <Suspense key={reportHref("", query)} fallback={<ReportSkeleton />}>
          <ReportBody viewer={staff} range={range} by={by} query={query} now={now} />
          <GoodwillSummary range={range} />
        </Suspense>
      </div>
    </>
  );
}

async function ReportBody({
  viewer,
  range,
  by,
  query,
  now,
}: {
  viewer: Viewer;
  range: ReportRange;
  by: VolumeDimension;
  query: ReportQuery;
  now: Date;
}) {
  const { graceDays } = businessRules();
  // Revenue is only read for roles allowed to see it: an agent's page never holds the figures.
  const [data, lifecycle, fees] = await Promise.all([
    loadReport({ range, previous: range.previous, by, now, graceDays }, viewer),
    listDailyLifecycle(range),
    may.seeRevenue(viewer) ? listDailyReplacementFees(range, viewer) : [],
  ]);
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const figures = headline(range, data.daily, data.revenue, data.lapsed);
  const models: Partial<Record<ChartName, ChartModel>> = {
    volume: await volumeChart(range, by, data.volume, data.volumeLabels),
    revenue: data.revenue ? await revenueChart(range, data.revenue, fees) : undefined,
    outcomes: await outcomesChart(range, data.daily, data.lapsed, lifecycle),
    expirations: await expirationsChart(now, data.expirations),
  };

  const comparisonDetail = (comparison: Comparison, format: (value: number) => string) => {
    const ratio = change(comparison);
    const percent =
      ratio === null
        ? ""
        : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(Math.abs(ratio));
    return {
      detail:
        ratio === null
          ? t("headline.noPrevious")
          : `${ratio > 0 ? t("headline.up", { change: percent }) : ratio < 0 ? t("headline.down", { change: percent }) : t("headline.same")} · ${t("headline.previous", { value: format(comparison.previous) })}`,
      tone: ratio === null || ratio === 0 ? ("neutral" as const) : ratio > 0 ? ("up" as const) : ("down" as const),
    };
  };
  const count = (value: number) => formatNumber(value, locale);

  const chartProps = (name: ChartName) => {
    const model = models[name]!;
    return {
      bucketLabels: model.bucketLabels,
      tickLabels: model.tickLabels,
      series: model.dense.series,
      csvHref: reportHref(`/reports/export/${name}`, query),
      partialIndex: model.partialIndex,
      labels: {
        xAxis: t(`chart.xAxis.${model.granularity}`, { years: model.years }),
        yAxis: t(`chart.yAxis.${name}`),
        partial: t("chart.partial"),
        legend: t("chart.legend"),
        bucket: model.daily ? t("chart.day") : t("chart.period"),
        table: t("chart.table"),
        csv: t("chart.csv"),
        total: t("chart.total"),
        other: t("other"),
        empty: t("chart.empty"),
      },
    };
  };

  return (
    <>
      <dl aria-label={t("headline.label")} className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-4">
        <StatCard
          label={t("headline.renewals")}
          value={count(figures.renewals.current)}
          {...comparisonDetail(figures.renewals, count)}
        />
        {figures.revenue
          ? currencies.map((currency) => {
              const money = (value: number) => formatMoney(value, currency, locale);
              return (
                <StatCard
                  key={currency}
                  label={t("headline.revenue", { currency })}
                  value={money(figures.revenue![currency].current)}
                  {...comparisonDetail(figures.revenue![currency], money)}
                />
              );
            })
          : null}
        <StatCard
          label={t("headline.renewalRate")}
          value={
            figures.renewalRate === null
              ? "—"
              : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
                  figures.renewalRate,
                )
          }
          detail={figures.renewalRate === null ? t("headline.noRate") : t("headline.renewalRateHint")}
        />
        <StatCard label={t("headline.inGrace")} value={count(data.inGrace)}>
          <Link href="/reports/expiring?window=grace" className="font-medium text-brand-700 hover:underline">
            {t("headline.inGraceLink")}
          </Link>
        </StatCard>
      </dl>

      <ChartContainer
        title={t(`charts.volume.titles.${by}`)}
        description={t("charts.volume.description")}
        kind="stacked-bar"
        {...chartProps("volume")}
        actions={
          <SegmentedLinks
            label={t("by.label")}
            options={volumeDimensions.map((dimension) => ({
              href: reportHref("/reports", query, { by: dimension }),
              label: t(`by.${dimension}`),
              current: by === dimension,
            }))}
          />
        }
      />
      {models.revenue ? (
        <ChartContainer
          title={t("charts.revenue.title")}
          description={t("charts.revenue.description")}
          kind="line"
          {...chartProps("revenue")}
        />
      ) : null}
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-2">
        <ChartContainer
          title={t("charts.outcomes.title")}
          description={t("charts.outcomes.description")}
          kind="stacked-bar"
          {...chartProps("outcomes")}
        />
        <ChartContainer
          title={t("charts.expirations.title")}
          description={t("charts.expirations.description")}
          kind="stacked-bar"
          {...chartProps("expirations")}
          actions={
            <Link href="/reports/expiring" className="text-sm font-medium text-brand-700 hover:underline">
              {t("charts.expirations.worklist")}
            </Link>
          }
        />
      </div>
    </>
  );
}
