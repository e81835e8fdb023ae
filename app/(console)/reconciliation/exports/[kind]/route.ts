import { getTranslations } from "next-intl/server";
import { csvResponse } from "@/lib/csv-response";
import { exportKinds, streamExportCsv, type ExportKind } from "@/db/queries/exports";
import { getStaff, needsTwoFactorEnrolment, recordDenial } from "@/lib/auth/session";
import { may } from "@/lib/domain/permissions";
import { readExportRange } from "@/lib/domain/reports/range";
import { addDays, hkStartOfDay } from "@/lib/domain/time";
import { limitStaff } from "@/lib/rate-limit-request";

export const dynamic = "force-dynamic";

function plain(status: number, message: string) {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Payments, refunds, renewals or reconciliation lines of a range of Hong Kong
 * days as CSV, streamed from a database cursor (flat memory for three years
 * at a million customers). Checks the session, the permission and the shared
 * export rate limit itself, like the report exports.
 */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const staff = await getStaff();
  const errors = await getTranslations("errors");
  if (!staff) return plain(401, errors("signedOut"));
  if (needsTwoFactorEnrolment(staff)) return plain(403, errors("twoFactorFirst"));
  if (!may.exportMoney(staff)) {
    await recordDenial(staff, "reconciliation/exports", "exportMoney");
    return plain(403, errors("forbidden"));
  }
  const { kind } = await params;
  if (!(exportKinds as readonly string[]).includes(kind))
    return plain(404, (await getTranslations("common"))("notFoundBody"));
  const query = new URL(request.url).searchParams;
  const read = readExportRange({ from: query.get("from") ?? undefined, to: query.get("to") ?? undefined });
  if (!read.ok) {
    const t = await getTranslations("reconciliation.exports");
    return plain(400, t("invalid"));
  }
  const limited = await limitStaff("exports", staff);
  if (!limited.ok) {
    const response = plain(429, errors("rateLimited", { seconds: limited.retryAfterSeconds }));
    response.headers.set("Retry-After", String(limited.retryAfterSeconds));
    return response;
  }
  const { from, to } = read.range;
  const rows = streamExportCsv(kind as ExportKind, { from: hkStartOfDay(from), to: hkStartOfDay(addDays(to, 1)) });
  return csvResponse(rows, `${kind}_${from}_${to}.csv`);
}
