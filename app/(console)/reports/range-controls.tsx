import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { granularities, type ReportRange } from "@/lib/domain/reports/range";
import { reportHref, type ReportQuery } from "./report-params";
import { SegmentedLinks } from "./segmented-links";

const presets = ["7d", "30d", "90d", "12m"] as const;

/**
 * Range presets, a custom range (a plain GET form, so it works before any
 * script loads) and the granularity. Dates are typed as the console shows
 * them, YYYY-MM-DD, never in the browser's own date format.
 */
export async function RangeControls({ range, query }: { range: ReportRange; query: ReportQuery }) {
  const t = await getTranslations("reports");
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
      <SegmentedLinks
        label={t("range.label")}
        captioned
        options={presets.map((preset) => ({
          href: reportHref("/reports", query, { range: preset }),
          label: t(`range.${preset}`),
          current: range.preset === preset,
        }))}
      />
      <form method="get" action="/reports" className="flex flex-wrap items-end gap-2">
        <fieldset className="flex flex-wrap items-end gap-2">
          <legend className="mb-1 text-xs font-medium text-slate-600">{t("range.custom")}</legend>
          <input type="hidden" name="range" value="custom" />
          {query.granularity ? <input type="hidden" name="granularity" value={query.granularity} /> : null}
          {query.by ? <input type="hidden" name="by" value={query.by} /> : null}
          <label className="flex items-center gap-1 whitespace-nowrap text-xs text-slate-600">
            {t("range.from")}
            <input
              type="text"
              name="from"
              required
              inputMode="numeric"
              pattern="\d{4}-\d{2}-\d{2}"
              placeholder="YYYY-MM-DD"
              maxLength={10}
              aria-describedby="range-date-format"
              defaultValue={range.from}
              className={`${inputClass} inline-block w-32 py-1.5 font-mono tabular-nums`}
            />
          </label>
          <label className="flex items-center gap-1 whitespace-nowrap text-xs text-slate-600">
            {t("range.to")}
            <input
              type="text"
              name="to"
              required
              inputMode="numeric"
              pattern="\d{4}-\d{2}-\d{2}"
              placeholder="YYYY-MM-DD"
              maxLength={10}
              aria-describedby="range-date-format"
              defaultValue={range.to}
              className={`${inputClass} inline-block w-32 py-1.5 font-mono tabular-nums`}
            />
          </label>
          <span id="range-date-format" className="sr-only">
            {t("range.dateFormat")}
          </span>
          <button type="submit" className={buttonClass(range.preset === "custom" ? "primary" : "secondary", "py-1.5")}>
            {t("range.apply")}
          </button>
        </fieldset>
      </form>
      <SegmentedLinks
        label={t("granularity.label")}
        captioned
        options={granularities.map((granularity) => ({
          href: reportHref("/reports", query, { granularity }),
          label: t(`granularity.${granularity}`),
          current: range.granularity === granularity,
        }))}
      />
    </div>
  );
}
