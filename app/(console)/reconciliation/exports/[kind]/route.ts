import { getTranslations } from "next-intl/server";
import { csvResponse } from "@/lib/csv-response";
import { exportKinds, streamExportCsv, type ExportKind } from "@/db/queries/exports";
import { readExportRange } from "@/lib/domain/reports/range";
import { addDays, hkStartOfDay } from "@/lib/domain/time";
import { downloadStaff, exportLimitResponse, plainResponse } from "@/lib/download-guard";

export const dynamic = "force-dynamic";

/**
 * Payments, refunds, renewals or reconciliation lines of a range of Hong Kong
 * days as CSV, streamed from a database cursor (flat memory for three years
 * at a million customers). Checks the session, the permission and the shared
 * export rate limit itself, like the report exports.
 */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const signedIn = await downloadStaff({ permission: "exportMoney", where: "reconciliation/exports" });
  if (!signedIn.ok) return signedIn.response;
  const { kind } = await params;
  if (!(exportKinds as readonly string[]).includes(kind))
    return plainResponse(404, (await getTranslations("common"))("notFoundBody"));
  const query = new URL(request.url).searchParams;
  const read = readExportRange({ from: query.get("from") ?? undefined, to: query.get("to") ?? undefined });
  if (!read.ok) {
    const t = await getTranslations("reconciliation.exports");
    return plainResponse(400, t("invalid"));
  }
  const limited = await exportLimitResponse(signedIn.staff);
  if (limited) return limited;
  const { from, to } = read.range;
  const rows = streamExportCsv(kind as ExportKind, { from: hkStartOfDay(from), to: hkStartOfDay(addDays(to, 1)) });
  return csvResponse(rows, `${kind}_${from}_${to}.csv`);
}
