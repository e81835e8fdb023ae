import { getTranslations } from "next-intl/server";
import { csvResponse } from "@/lib/csv-response";
import { getOwnExportJob, readExportChunks } from "@/db/queries/exports";
import { downloadStaff, plainResponse } from "@/lib/download-guard";
import { routeId } from "@/lib/domain/route-id";

export const dynamic = "force-dynamic";

/** A finished background export, streamed chunk by chunk; only to the person who asked for it. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const signedIn = await downloadStaff({ permission: "exportMoney", where: "reconciliation/exports/jobs" });
  if (!signedIn.ok) return signedIn.response;
  const id = routeId((await params).jobId);
  const job = id ? await getOwnExportJob(id, signedIn.staff.id) : null;
  if (!job || job.status !== "done") return plainResponse(404, (await getTranslations("common"))("notFoundBody"));
  const chunks = readExportChunks(job.id);
  return csvResponse(chunks, `${job.kind}_${job.fromDay}_${job.toDay}.csv`);
}
