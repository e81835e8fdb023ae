"use client";

import { useLocale } from "next-intl";
import { useId, useMemo } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Label,
  Line,
  LineChart,
  ReferenceArea,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { formatNumber, intlLocaleOf, type Locale } from "@/lib/domain/format";
import { formatMoney, type Currency } from "@/lib/domain/money";
import { foldSeries, OTHER_SERIES_KEY, type ChartSeries } from "@/lib/domain/reports/series";

export interface ChartContainerProps {
  title: string;
  description?: string;
  kind: "stacked-bar" | "line";
  /** Full label of each bucket (table rows, tooltip) and its short axis tick. */
  bucketLabels: string[];
  tickLabels: string[];
  series: ChartSeries[];
  /** More series than this are drawn as the largest ones plus "other"; the table keeps them all. */
  maxSeries?: number;
  /** The bucket still filling up (today, this week, this month), drawn and listed as partial. */
  partialIndex?: number | null;
  csvHref: string;
  labels: {
    bucket: string;
    table: string;
    csv: string;
    total: string;
    other: string;
    empty?: string;
    /** Axis titles: what the buckets are (with their years) and what is counted or summed. */
    xAxis: string;
    yAxis: string;
    partial: string;
    legend: string;
  };
  height?: number;
  /** Extra controls for the panel header (e.g. a dimension switch). */
  actions?: React.ReactNode;
}

const OTHER_COLOR = "var(--color-slate-300, #cbd5e1)";
/** Category colours; the outcome colours (2, 3, 5, 7) are only ever given by meaning. */
const CATEGORY_COLORS = [1, 4, 6, 8, 9];
const AXIS_TEXT = "#334155";

function colorOf(series: ChartSeries, index: number): string {
  if (series.key === OTHER_SERIES_KEY) return OTHER_COLOR;
  return `var(--color-chart-${series.color ?? CATEGORY_COLORS[index % CATEGORY_COLORS.length]})`;
}

const total = (values: number[]) => values.reduce((sum, v) => sum + v, 0);

function formatValue(value: number, series: Pick<ChartSeries, "currency">, locale: Locale): string {
  return series.currency ? formatMoney(value, series.currency, locale) : formatNumber(value, locale);
}

const CURRENCY_UNIT: Record<Currency, string> = { HKD: "HK$", CNY: "CN¥" };

interface Panel {
  key: string;
  currency?: Currency;
  series: ChartSeries[];
}

/**
 * The one frame every report chart sits in: title, axis titles with units,
 * the chart, a legend in the UI language (in stack order), a tooltip with the
 * bucket's total, the partial current bucket marked, the full data table
 * behind a disclosure, and a CSV link. Stacked bars sum their series (counts
 * of one kind); money is drawn as small multiples, one chart and axis per
 * currency, so HKD and CNY never share a scale or a sum.
 */
export function ChartContainer({
  title,
  description,
  kind,
  bucketLabels,
  tickLabels,
  series,
  maxSeries = CATEGORY_COLORS.length,
  partialIndex = null,
  csvHref,
  labels,
  height = 280,
  actions,
}: ChartContainerProps) {
  const locale = useLocale();
  const titleId = useId();
  const money = series.some((s) => s.currency);
  const summable = kind === "stacked-bar" && !money;
  const isEmpty = series.every((s) => s.values.every((v) => v === 0));
  const panels: Panel[] = useMemo(() => {
    if (!money) return [{ key: "all", series: foldSeries(series, maxSeries, labels.other) }];
    const currencies = [...new Set(series.map((s) => s.currency!))];
    return currencies.map((currency) => ({
      key: currency,
      currency,
      series: series.filter((s) => s.currency === currency),
    }));
  }, [money, series, maxSeries, labels.other]);
  const partial =
    partialIndex !== null && partialIndex >= 0 && partialIndex < bucketLabels.length ? partialIndex : null;
  const bucketName = (i: number) => `${bucketLabels[i] ?? ""}${i === partial ? ` (${labels.partial})` : ""}`;

  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id={titleId} className="text-sm font-semibold text-slate-800">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-xs text-slate-600">{description}</p> : null}
        </div>
        {actions}
      </header>
      <div className="p-4">
        {isEmpty && labels.empty ? <p className="mb-2 text-sm text-slate-600">{labels.empty}</p> : null}
        <div className={panels.length > 1 ? "grid gap-4 xl:grid-cols-2" : undefined}>
          {panels.map((panel) => (
            <ChartPanel
              key={panel.key}
              title={panel.currency ? `${title} · ${panel.currency}` : title}
              kind={kind}
              panel={panel}
              tickLabels={tickLabels}
              bucketName={bucketName}
              partial={partial}
              summable={summable}
              labels={{
                ...labels,
                yAxis: panel.currency ? `${labels.yAxis} (${CURRENCY_UNIT[panel.currency]})` : labels.yAxis,
              }}
              height={panels.length > 1 ? Math.round(height * 0.85) : height}
              locale={locale}
            />
          ))}
        </div>
        <div className="mt-3 flex flex-wrap items-start justify-between gap-3">
          <details className="group min-w-0 flex-1">
            <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">
              {labels.table}
            </summary>
            <Table className="mt-2 max-h-96 overflow-y-auto" caption={title}>
              <thead className="sticky top-0">
                <tr>
                  <Th>{labels.bucket}</Th>
                  {series.map((s) => (
                    <Th key={s.key} numeric>
                      {s.label}
                    </Th>
                  ))}
                  {summable ? <Th numeric>{labels.total}</Th> : null}
                </tr>
              </thead>
              <TBody>
                {bucketLabels.map((bucket, i) => (
                  <tr key={bucket}>
                    <Td className="whitespace-nowrap">{bucketName(i)}</Td>
                    {series.map((s) => (
                      <Td key={s.key} numeric>
                        {formatValue(s.values[i] ?? 0, s, locale)}
                      </Td>
                    ))}
                    {summable ? (
                      <Td numeric>{formatNumber(total(series.map((s) => s.values[i] ?? 0)), locale)}</Td>
                    ) : null}
                  </tr>
                ))}
                <tr className="bg-slate-50 font-medium">
                  <Td>{labels.total}</Td>
                  {series.map((s) => (
                    <Td key={s.key} numeric>
                      {formatValue(total(s.values), s, locale)}
                    </Td>
                  ))}
                  {summable ? <Td numeric>{formatNumber(total(series.map((s) => total(s.values))), locale)}</Td> : null}
                </tr>
              </TBody>
            </Table>
          </details>
          <a href={csvHref} download className="shrink-0 text-sm font-medium text-brand-700 hover:underline">
            {labels.csv}
          </a>
        </div>
      </div>
    </section>
  );
}

function ChartPanel({
  title,
  kind,
  panel,
  tickLabels,
  bucketName,
  partial,
  summable,
  labels,
  height,
  locale,
}: {
  title: string;
  kind: ChartContainerProps["kind"];
  panel: Panel;
  tickLabels: string[];
  bucketName: (i: number) => string;
  partial: number | null;
  summable: boolean;
  labels: ChartContainerProps["labels"];
  height: number;
  locale: Locale;
}) {
  const drawn = panel.series;
  const rows = useMemo(
    () => tickLabels.map((_, i) => Object.fromEntries([["i", i], ...drawn.map((s, n) => [`s${n}`, s.values[i] ?? 0])])),
    [tickLabels, drawn],
  );
  const axisNumber = (value: number) =>
    new Intl.NumberFormat(intlLocaleOf(locale), { notation: "compact", maximumFractionDigits: 1 }).format(
      panel.currency ? value / 100 : value,
    );
  // Stacked bars are read top to bottom: the legend and the tooltip list the top of the stack first.
  const order = kind === "stacked-bar" ? drawn.map((_, n) => n).reverse() : drawn.map((_, n) => n);
  const common = {
    data: rows,
    responsive: true,
    style: { width: "100%", height },
    margin: { top: 16, right: 12, bottom: 16, left: 12 },
  };
  const tooltip = (
    <Tooltip
      cursor={{ fill: "rgb(148 163 184 / 0.15)" }}
      content={(props: TooltipContentProps<ValueType, NameType>) => (
        <ChartTooltip
          {...props}
          order={order}
          drawn={drawn}
          bucketName={bucketName}
          summable={summable}
          totalLabel={labels.total}
          locale={locale}
        />
      )}
    />
  );
  const axes = (
    <>
      <CartesianGrid vertical={false} stroke="#e2e8f0" />
      <XAxis
        dataKey="i"
        tickFormatter={(i: number) => tickLabels[i] ?? ""}
        minTickGap={16}
        tick={{ fontSize: 12, fill: AXIS_TEXT }}
        tickLine={false}
        height={44}
      >
        <Label value={labels.xAxis} position="insideBottom" offset={0} style={{ fontSize: 12, fill: AXIS_TEXT }} />
      </XAxis>
      <YAxis
        tickFormatter={axisNumber}
        width={64}
        tick={{ fontSize: 12, fill: AXIS_TEXT }}
        axisLine={false}
        tickLine={false}
        allowDecimals={false}
      >
        <Label
          value={labels.yAxis}
          angle={-90}
          position="insideLeft"
          offset={4}
          style={{ fontSize: 12, fill: AXIS_TEXT, textAnchor: "middle" }}
        />
      </YAxis>
      {partial !== null ? (
        <ReferenceArea
          x1={partial}
          x2={partial}
          fill="#94a3b8"
          fillOpacity={0.18}
          stroke="#64748b"
          strokeDasharray="3 3"
          ifOverflow="extendDomain"
          label={{ value: labels.partial, position: "insideTop", fontSize: 11, fill: AXIS_TEXT }}
        />
      ) : null}
      {tooltip}
    </>
  );
  return (
    <figure aria-label={title}>
      {kind === "stacked-bar" ? (
        <BarChart {...common}>
          {axes}
          {drawn.map((s, n) => (
            <Bar
              key={s.key}
              dataKey={`s${n}`}
              name={s.label}
              stackId="stack"
              fill={colorOf(s, n)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      ) : (
        <LineChart {...common}>
          {axes}
          {drawn.map((s, n) => (
            <Line
              key={s.key}
              dataKey={`s${n}`}
              name={s.label}
              type="linear"
              stroke={colorOf(s, n)}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
      <figcaption>
        <ul
          aria-label={labels.legend}
          className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-slate-700"
        >
          {order.map((n) => (
            <li key={drawn[n]!.key} className="flex items-center gap-1.5">
              <span
                aria-hidden
                className="inline-block size-3 rounded-sm"
                style={{ background: colorOf(drawn[n]!, n) }}
              />
              {drawn[n]!.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Dark text on white whatever the series colour (a swatch carries the colour), in stack order, with the total. */
function ChartTooltip({
  active,
  label,
  order,
  drawn,
  bucketName,
  summable,
  totalLabel,
  locale,
}: TooltipContentProps<ValueType, NameType> & {
  order: number[];
  drawn: ChartSeries[];
  bucketName: (i: number) => string;
  summable: boolean;
  totalLabel: string;
  locale: Locale;
}) {
  if (!active || label === undefined) return null;
  const i = Number(label);
  const values = drawn.map((s) => s.values[i] ?? 0);
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-900 shadow-md">
      <p className="mb-1 font-semibold">{bucketName(i)}</p>
      <table>
        <tbody>
          {order.map((n) => (
            <tr key={drawn[n]!.key}>
              <td className="pr-3">
                <span className="flex items-center gap-1.5">
                  <span
                    aria-hidden
                    className="inline-block size-2.5 rounded-sm"
                    style={{ background: colorOf(drawn[n]!, n) }}
                  />
                  {drawn[n]!.label}
                </span>
              </td>
              <td className="text-right tabular-nums">{formatValue(values[n]!, drawn[n]!, locale)}</td>
            </tr>
          ))}
          {summable ? (
            <tr className="border-t border-slate-200 font-semibold">
              <td className="pr-3 pt-1">{totalLabel}</td>
              <td className="pt-1 text-right tabular-nums">{formatNumber(total(values), locale)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
