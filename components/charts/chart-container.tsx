"use client";

import { useLocale } from "next-intl";
import { useId, useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { formatNumber, intlLocaleOf, type Locale } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { foldSeries, OTHER_SERIES_KEY, type ChartSeries } from "@/lib/reports/series";

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
  csvHref: string;
  labels: { bucket: string; table: string; csv: string; total: string; other: string; empty?: string };
  height?: number;
  /** Extra controls for the panel header (e.g. a dimension switch). */
  actions?: React.ReactNode;
}

const OTHER_COLOR = "var(--color-slate-400, #94a3b8)";
const PALETTE_SIZE = 6;

function colorOf(series: ChartSeries, index: number): string {
  if (series.key === OTHER_SERIES_KEY) return OTHER_COLOR;
  return `var(--color-chart-${series.color ?? (index % PALETTE_SIZE) + 1})`;
}

const total = (values: number[]) => values.reduce((sum, v) => sum + v, 0);

function formatValue(value: number, series: Pick<ChartSeries, "currency">, locale: Locale): string {
  return series.currency ? formatMoney(value, series.currency, locale) : formatNumber(value, locale);
}

/**
 * The one frame every report chart sits in: title, the chart with legend,
 * tooltips and readable axes, a full data table behind a disclosure, and a
 * CSV link. Stacked bars sum their series (counts of one kind); lines never
 * do, which is how two currencies share an axis without being added.
 */
export function ChartContainer({
  title,
  description,
  kind,
  bucketLabels,
  tickLabels,
  series,
  maxSeries = PALETTE_SIZE,
  csvHref,
  labels,
  height = 280,
  actions,
}: ChartContainerProps) {
  const locale = useLocale() as Locale;
  const titleId = useId();
  const drawn: ChartSeries[] = useMemo(
    () => foldSeries(series, maxSeries, labels.other),
    [series, maxSeries, labels.other],
  );
  const rows = useMemo(
    () =>
      bucketLabels.map((_, i) => Object.fromEntries([["i", i], ...drawn.map((s, n) => [`s${n}`, s.values[i] ?? 0])])),
    [bucketLabels, drawn],
  );
  const money = series.some((s) => s.currency);
  const summable = kind === "stacked-bar" && !money;
  const isEmpty = series.every((s) => s.values.every((v) => v === 0));
  const tickFormatter = (i: number) => tickLabels[i] ?? "";
  const axisNumber = (value: number) =>
    new Intl.NumberFormat(intlLocaleOf(locale), {
      notation: "compact",
      maximumFractionDigits: 1,
    }).format(money ? value / 100 : value);
  const tooltip = (
    <Tooltip
      labelFormatter={(label) => bucketLabels[Number(label)] ?? ""}
      formatter={(value, _name, item) => {
        const index = Number(String(item.dataKey).slice(1));
        return [formatValue(Number(value), drawn[index] ?? {}, locale), drawn[index]?.label ?? ""];
      }}
      itemSorter={(item) => Number(String(item.dataKey).slice(1))}
      cursor={{ fill: "rgb(148 163 184 / 0.15)" }}
    />
  );
  const common = {
    data: rows,
    responsive: true,
    style: { width: "100%", height },
    margin: { top: 8, right: 12, bottom: 0, left: 4 },
  };
  const axes = (
    <>
      <CartesianGrid vertical={false} stroke="#e2e8f0" />
      <XAxis
        dataKey="i"
        tickFormatter={tickFormatter}
        minTickGap={16}
        tick={{ fontSize: 12, fill: "#475569" }}
        tickLine={false}
      />
      <YAxis
        tickFormatter={axisNumber}
        width={56}
        tick={{ fontSize: 12, fill: "#475569" }}
        axisLine={false}
        tickLine={false}
        allowDecimals={false}
      />
      {tooltip}
      <Legend
        itemSorter={null}
        wrapperStyle={{ fontSize: 12 }}
        formatter={(value) => <span className="text-slate-700">{value}</span>}
      />
    </>
  );

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
        </figure>
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
                    <Td className="whitespace-nowrap">{bucket}</Td>
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
