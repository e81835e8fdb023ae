import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PageHeader, Panel } from "@/components/ui/panel";
import { randomUUID } from "node:crypto";
import { Table, Td, Th, TBody } from "@/components/ui/table";
import { retentionPolicy } from "@/db/mutations/purge-expired";
import { exportKinds, listExportJobs } from "@/db/queries/exports";
import type { ExportKind } from "@/lib/domain/enums";
import { JobRefresh } from "../../goodwill/jobs/[jobId]/job-refresh";
import { BackgroundExportForm } from "./background-export-form";
import { requireStaff } from "@/lib/auth/session";
import { addDays, hkDay } from "@/lib/domain/time";
import { ReconciliationNav } from "../reconciliation-nav";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reconciliation.exports"))("title") };
}

/** One range, four downloads: each button submits the same days to its own CSV route. */
async function ExportsPage() {
  const staff = await requireStaff({ permission: "exportMoney" });
  const jobs = await listExportJobs(staff.id);
  const t = await getTranslations("reconciliation");
  const today = hkDay(new Date());
  return (
    <>
      <PageHeader title={t("exports.title")} description={t("exports.description")} />
      <div className="mb-6">
        <ReconciliationNav current="exports" />
      </div>
      <Panel>
        <form method="get" action={`/reconciliation/exports/${exportKinds[0]}`} className="space-y-4">
          <div className="flex flex-wrap items-end gap-4">
            <div className="space-y-1">
              <label htmlFor="export-from" className="block text-sm font-medium text-slate-700">
                {t("exports.from")}
              </label>
              <input
                id="export-from"
                name="from"
                type="date"
                required
                defaultValue={addDays(today, -29)}
                className={inputClass}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor="export-to" className="block text-sm font-medium text-slate-700">
                {t("exports.to")}
              </label>
              <input id="export-to" name="to" type="date" required defaultValue={today} className={inputClass} />
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            {exportKinds.map((kind, i) => (
              <button
                key={kind}
                type="submit"
                formAction={`/reconciliation/exports/${kind}`}
                className={buttonClass(i === 0 ? "primary" : "secondary")}
              >
                {t("exports.download")}: {t(`exports.kinds.${kind}`)}
              </button>
            ))}
          </div>
          <p className="text-xs text-slate-500">{t("exports.note")}</p>
        </form>
      </Panel>
      <div className="mt-6">
        <Panel title={t("jobs.title")}>
          <div className="space-y-5">
            <p className="text-sm text-slate-600">{t("jobs.description", { days: retentionPolicy.exportJobDays })}</p>
            <BackgroundExportForm from={addDays(today, -365 * 3 + 1)} to={today} idempotencyKey={randomUUID()} />
            <JobRefresh running={jobs.some((j) => j.status === "queued" || j.status === "running")} />
            {jobs.length === 0 ? (
              <p className="text-sm text-slate-600">{t("jobs.empty")}</p>
            ) : (
              <Table caption={t("jobs.title")}>
                <thead>
                  <tr>
                    <Th>{t("jobs.what")}</Th>
                    <Th>{t("jobs.range")}</Th>
                    <Th>{t("jobs.status")}</Th>
                    <Th>{t("jobs.progress")}</Th>
                    <Th>
                      <span className="sr-only">{t("jobs.download")}</span>
                    </Th>
                  </tr>
                </thead>
                <TBody>
                  {jobs.map((job) => {
                    const label = `${t(`exports.kinds.${job.kind as ExportKind}`)} ${job.fromDay} – ${job.toDay}`;
                    return (
                      <tr key={job.id} data-testid={`export-job-${job.id}`}>
                        <Td>{t(`exports.kinds.${job.kind as ExportKind}`)}</Td>
                        <Td className="whitespace-nowrap">
                          {job.fromDay} – {job.toDay}
                        </Td>
                        <Td>{t(`jobs.statuses.${job.status}`)}</Td>
                        <Td className="min-w-48">
                          {job.rowsTotal === null ? (
                            <span className="text-slate-600">{t("jobs.counting")}</span>
                          ) : (
                            <div className="space-y-1">
                              <progress
                                className="h-2 w-full accent-brand-600"
                                max={Math.max(job.rowsTotal, 1)}
                                value={job.status === "done" ? Math.max(job.rowsTotal, 1) : job.rowsDone}
                                aria-label={`${t("jobs.progress")}: ${label}`}
                              />
                              <p className="text-xs tabular-nums text-slate-600">
                                {t("jobs.rows", { done: job.rowsDone, total: job.rowsTotal })}
                              </p>
                            </div>
                          )}
                        </Td>
                        <Td>
                          {job.status === "done" ? (
                            <a
                              href={`/reconciliation/exports/jobs/${job.id}`}
                              className="font-medium text-brand-700 hover:underline"
                              aria-label={`${t("jobs.download")}: ${label}`}
                            >
                              {t("jobs.download")}
                            </a>
                          ) : null}
                        </Td>
                      </tr>
                    );
                  })}
                </TBody>
              </Table>
            )}
          </div>
        </Panel>
      </div>
    </>
  );
}

export default withClientMessages(["reconciliation"], ExportsPage);
