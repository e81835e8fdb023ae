import { getTranslations } from "next-intl/server";
import { csvResponse } from "@/lib/csv-response";
import { getOwnExportJob, readExportChunks } from "@/db/queries/exports";
import { getStaff, needsTwoFactorEnrolment, recordDenial } from "@/lib/auth/session";
import { may } from "@/lib/domain/permissions";
import { routeId } from "@/lib/domain/route-id";

export const dynamic = "force-dynamic";

function plain(status: number, message: string) {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A finished background export, streamed chunk by chunk; only to the person who asked for it. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const staff = await getStaff();
  const errors = await getTranslations("errors");
  if (!staff) return plain(401, errors("signedOut"));
  if (needsTwoFactorEnrolment(staff)) return plain(403, errors("twoFactorFirst"));
  if (!may.exportMoney(staff)) {
    await recordDenial(staff, "reconciliation/exports/jobs", "exportMoney");
    return plain(403, errors("forbidden"));
  }
  const id = routeId((await params).jobId);
  const job = id ? await getOwnExportJob(id, staff.id) : null;
  if (!job || job.status !== "done") return plain(404, (await getTranslations("common"))("notFoundBody"));
  const chunks = readExportChunks(job.id);
  return csvResponse(chunks, `${job.kind}_${job.fromDay}_${job.toDay}.csv`);
}
