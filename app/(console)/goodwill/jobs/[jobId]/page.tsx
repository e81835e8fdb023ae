import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, Panel } from "@/components/ui/panel";
import { getGoodwillJob } from "@/db/queries/goodwill";
import { requireStaff } from "@/lib/auth/session";
import { routeId } from "@/lib/domain/route-id";
import { JobRefresh } from "./job-refresh";

export async function generateMetadata({ params }: { params: Promise<{ jobId: string }> }): Promise<Metadata> {
  return { title: (await getTranslations("desk.bulk"))("jobTitle", { id: (await params).jobId }) };
}

export default async function GoodwillJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  await requireStaff({ permission: "grantGoodwill" });
  const id = routeId((await params).jobId);
  const job = id ? await getGoodwillJob(id) : null;
  if (!job) notFound();
  const t = await getTranslations("desk");
  const settled = job.extended + job.skipped;
  const percent = job.total ? Math.round((settled / job.total) * 100) : 100;
  const running = job.status === "running";
  return (
    <>
      <JobRefresh running={running} />
      <PageHeader
        title={t("bulk.jobTitle", { id: job.id })}
        description={t("bulk.jobMeta", {
          days: job.days,
          reason: job.reason === job.reasonCode ? t(`goodwill.reasons.${job.reasonCode}`) : job.reason,
          name: job.createdByName,
        })}
        actions={
          <Link href="/goodwill" className="text-sm font-medium text-brand-700 hover:underline">
            {t("bulk.title")}
          </Link>
        }
      />
      <Panel>
        <div
          role="progressbar"
          aria-label={t("bulk.jobTitle", { id: job.id })}
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={settled}
          aria-valuetext={t("bulk.progress", { settled, total: job.total })}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-2 text-sm font-medium text-slate-900" aria-live="polite" data-testid="job-progress">
          {t("bulk.progress", { settled, total: job.total })} · {percent}%
        </p>
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t("bulk.extended")}</dt>
            <dd className="text-lg font-semibold tabular-nums text-emerald-800">{job.extended}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("bulk.skippedLabel")}</dt>
            <dd className="text-lg font-semibold tabular-nums">{job.skipped}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("bulk.pending")}</dt>
            <dd className="text-lg font-semibold tabular-nums">{job.pending}</dd>
          </div>
        </dl>
        {job.skippedBy.length ? (
          <ul className="mt-3 list-disc pl-5 text-sm text-slate-700">
            {job.skippedBy.map((s) => (
              <li key={s.reason}>
                {s.count} ·{" "}
                {t(`goodwill.errors.${s.reason as "card_expired"}`, {
                  min: 1,
                  max: 30,
                  limit: 2,
                  windowDays: 365,
                  capYears: 2,
                })}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="mt-4">
          {running ? (
            <Notice tone="info">{t("bulk.running")}</Notice>
          ) : (
            <Notice tone="success">{t("bulk.finished")}</Notice>
          )}
        </div>
        <p className="mt-3 text-xs text-slate-500">
          <HkTime value={job.createdAt} />
          {job.finishedAt ? (
            <>
              {" → "}
              <HkTime value={job.finishedAt} />
            </>
          ) : null}
        </p>
      </Panel>
    </>
  );
}
