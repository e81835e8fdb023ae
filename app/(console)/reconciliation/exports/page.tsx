import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PageHeader, Panel } from "@/components/ui/panel";
import { exportKinds } from "@/db/queries/exports";
import { requireStaff } from "@/lib/auth/session";
import { addDays, hkDay } from "@/lib/domain/time";
import { ReconciliationNav } from "../reconciliation-nav";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reconciliation.exports"))("title") };
}

/** One range, four downloads: each button submits the same days to its own CSV route. */
export default async function ExportsPage() {
  await requireStaff({ permission: "exportMoney" });
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
    </>
  );
}
