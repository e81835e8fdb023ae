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
import { getStaff, needsTwoFactorEnrolment, recordDenial } from "@/lib/auth/session";
import { businessRules } from "@/lib/config";
import { may } from "@/lib/domain/permissions";
import { EXPIRATION_DAYS } from "@/lib/domain/reports/model";
import { limitStaff } from "@/lib/rate-limit-request";
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

function plain(status: number, message: string) {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * The data behind one report chart as CSV, for the same URL parameters as the
 * page. Checks the session and role itself: the proxy's redirect is a
 * convenience, and revenue is refused to agents here as in the page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ chart: string }> }) {
  const staff = await getStaff();
  const errors = await getTranslations("errors");
  if (!staff) return plain(401, errors("signedOut"));
  if (needsTwoFactorEnrolment(staff)) return plain(403, errors("twoFactorFirst"));
  const { chart } = await params;
  if (!(chartNames as readonly string[]).includes(chart))
    return plain(404, (await getTranslations("common"))("notFoundBody"));
  const name = chart as ChartName;
  if (name === "revenue" && !may.seeRevenue(staff)) {
    await recordDenial(staff, "reports/export/revenue", "seeRevenue");
    return plain(403, errors("forbidden"));
  }
  const limited = await limitStaff("exports", staff);
  if (!limited.ok) {
    const response = plain(429, errors("rateLimited", { seconds: limited.retryAfterSeconds }));
    response.headers.set("Retry-After", String(limited.retryAfterSeconds));
    return response;
  }

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
