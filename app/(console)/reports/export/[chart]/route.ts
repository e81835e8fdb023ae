import { getTranslations } from "next-intl/server";
import { listDailyLifecycle, listDailyReplacementFees } from "@/db/queries/lifecycle-reports";
import {
  listDailyRenewals,
  listDailyRevenue,
  listExpirationsAhead,
  listLapsedCards,
  listRenewalVolume,
  listVolumeLabels,
} from "@/db/queries/reports";
import { businessRules } from "@/lib/config";
import { EXPIRATION_DAYS } from "@/lib/domain/reports/model";
import { downloadStaff, exportLimitResponse, permitted, plainResponse } from "@/lib/download-guard";
import {
  chartCsv,
  chartNames,
  expirationsChart,
  outcomesChart,
  revenueChart,
  volumeChart,
  type ChartName,
  type ChartModel,
} from "../../report-charts";
import { readReportParams } from "../../report-params";

export const dynamic = "force-dynamic";

/**
 * The data behind one report chart as CSV, for the same URL parameters as the
 * page. Checks the session and role itself, as the page does (viewReports):
 * the proxy's redirect is a convenience, and revenue is refused to agents here
 * as in the page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ chart: string }> }) {
  const signedIn = await downloadStaff({ permission: "viewReports", where: "reports/export" });
  if (!signedIn.ok) return signedIn.response;
  const { staff } = signedIn;
  const { chart } = await params;
  if (!(chartNames as readonly string[]).includes(chart))
    return plainResponse(404, (await getTranslations("common"))("notFoundBody"));
  const name = chart as ChartName;
  if (name === "revenue" && !(await permitted(staff, "seeRevenue", "reports/export/revenue")))
    return plainResponse(403, (await getTranslations("errors"))("forbidden"));
  const limited = await exportLimitResponse(staff);
  if (limited) return limited;

  const now = new Date();
  const { range, by } = readReportParams(Object.fromEntries(new URL(request.url).searchParams), now);
  const { graceDays } = businessRules();
  let model: ChartModel;
  let subject: string;
  if (name === "volume") {
    const rows = await listRenewalVolume(range, by);
    model = await volumeChart(range, by, rows, await listVolumeLabels(by, [...new Set(rows.map((r) => r.key))]));
    subject = `renewals-by-${by}`;
  } else if (name === "revenue") {
    const [revenue, fees] = await Promise.all([listDailyRevenue(range, staff), listDailyReplacementFees(range, staff)]);
    model = await revenueChart(range, revenue, fees);
    subject = "revenue";
  } else if (name === "outcomes") {
    const [daily, lapsed, lifecycle] = await Promise.all([
      listDailyRenewals(range),
      listLapsedCards(range, { now, graceDays }),
      listDailyLifecycle(range),
    ]);
    model = await outcomesChart(range, daily, lapsed, lifecycle);
    subject = "outcomes";
  } else {
    model = await expirationsChart(now, await listExpirationsAhead({ now, days: EXPIRATION_DAYS }));
    subject = "expirations-ahead";
  }
  const span =
    name === "expirations" ? `${model.spans[0]!.from}_${model.spans.at(-1)!.to}` : `${range.from}_${range.to}`;
  return new Response(await chartCsv(model), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${subject}_${span}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
