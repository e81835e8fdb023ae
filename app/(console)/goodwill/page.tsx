import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { PageHeader, Panel } from "@/components/ui/panel";
import { listGoodwillJobs } from "@/db/queries/goodwill";
import { requireStaff } from "@/lib/auth/session";
import { BulkGoodwillForm } from "./bulk-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("desk.bulk"))("title") };
}

/** ?cardIds=1,2,3 comes from the worklist's selection. */
async function BulkGoodwillPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff({ permission: "grantGoodwill" });
  const raw = (await searchParams).cardIds;
  const cardIds =
    typeof raw === "string" && /^\d{1,10}(,\d{1,10}){0,4999}$/.test(raw)
      ? [...new Set(raw.split(",").map(Number))]
      : [];
  const jobs = await listGoodwillJobs();
  const t = await getTranslations("desk");
  return (
    <>
      <PageHeader title={t("bulk.title")} description={t("bulk.description")} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <BulkGoodwillForm cardIds={cardIds} idempotencyKey={randomUUID()} />
        </div>
        <Panel title={t("bulk.recent")}>
          {jobs.length === 0 ? <p className="text-sm text-slate-600">{t("bulk.none")}</p> : null}
          <ul className="space-y-2 text-sm">
            {jobs.map((job) => (
              <li key={job.id} className="flex items-center justify-between gap-2">
                <div>
                  <Link href={`/goodwill/jobs/${job.id}`} className="font-medium text-brand-700 hover:underline">
                    {t("bulk.jobTitle", { id: job.id })}
                  </Link>
                  <p className="text-xs text-slate-600">
                    +{job.days} · {t(`goodwill.reasons.${job.reasonCode}`)} · {job.total} ·{" "}
                    <HkTime value={job.createdAt} />
                  </p>
                </div>
                <Badge tone={job.status === "done" ? "green" : "amber"}>
                  {job.status === "done" ? t("bulk.finished") : t("bulk.pending")}
                </Badge>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
    </>
  );
}

export default withClientMessages(["desk"], BulkGoodwillPage);
