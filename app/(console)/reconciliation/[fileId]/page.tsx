import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { EmptyState, PageHeader, Panel } from "@/components/ui/panel";
import { getSettlementFile, listSettlementLines } from "@/db/queries/reconciliation";
import { requireStaff } from "@/lib/auth/session";
import { settlementOutcomes } from "@/lib/domain/enums";
import { formatMoney } from "@/lib/domain/money";
import { routeId } from "@/lib/domain/route-id";
import { lineFilterSchema } from "@/lib/validation/reconciliation";
import { SegmentedLinks } from "../../reports/segmented-links";
import { LinesTable } from "../lines-table";

type Props = {
  params: Promise<{ fileId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await getTranslations("reconciliation.file"))("title", { id: (await params).fileId }) };
}

/** One settlement file: what it held, per currency, and every line's outcome (filter in the URL). */
export default async function SettlementFilePage({ params, searchParams }: Props) {
  await requireStaff({ permission: "reconcileSettlements" });
  const id = routeId((await params).fileId);
  const file = id ? await getSettlementFile(id) : null;
  if (!file) notFound();
  const query = await searchParams;
  const outcome = lineFilterSchema.parse(typeof query.outcome === "string" ? query.outcome : undefined);
  const lines = await listSettlementLines({ fileId: file.id, outcome, limit: 2000 });
  const t = await getTranslations("reconciliation");
  const locale = await getLocale();
  const count = (o: string) => file.outcomes.find((row) => row.outcome === o)?.lines ?? 0;
  const exceptions = file.outcomes.filter((o) => o.outcome !== "matched").reduce((s, o) => s + o.lines, 0);
  const href = (o?: string) => (o ? `/reconciliation/${file.id}?outcome=${o}` : `/reconciliation/${file.id}`);
  return (
    <>
      <PageHeader
        title={t("file.title", { id: file.id })}
        description={`${file.fileName} · ${t(`formats.${file.format}`)}`}
        actions={
          <Link href="/reconciliation" className="text-sm font-medium text-brand-700 hover:underline">
            {t("file.back")}
          </Link>
        }
      />
      {query.imported === "1" ? (
        <div className="mb-4">
          <Notice tone="success">{t("upload.done", { lines: file.lineCount })}</Notice>
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Panel title={t("upload.period")}>
          <p className="text-sm">
            <HkTime value={file.periodFrom} /> – <HkTime value={file.periodTo} />
          </p>
          <p className="mt-2 text-sm text-slate-600">
            {t("file.uploadedBy", { name: file.uploadedByName })} · <HkTime value={file.uploadedAt} />
          </p>
        </Panel>
        <Panel title={t("upload.lines")}>
          <dl className="grid grid-cols-2 gap-2 text-sm">
            {settlementOutcomes.map((o) => (
              <div key={o}>
                <dt className="text-slate-500">{t(`outcomes.${o}`)}</dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${o}`}>
                  {count(o)}
                </dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel title={t("upload.currency")}>
          <ul className="space-y-1 text-sm">
            {file.totals.map((row) => (
              <li key={`${row.currency}-${row.kind}`} className="flex justify-between gap-3">
                <span>
                  {row.currency} · {t(`kinds.${row.kind}`)} ({row.lines})
                </span>
                <span className="tabular-nums">{formatMoney(row.totalMinor, row.currency!, locale)}</span>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
      <div className="mt-6 space-y-3">
        <SegmentedLinks
          label={t("file.filter")}
          options={[
            {
              href: href(),
              label: `${t("file.all")} (${file.outcomes.reduce((s, o) => s + o.lines, 0)})`,
              current: !outcome,
            },
            {
              href: href("exceptions"),
              label: `${t("file.exceptions")} (${exceptions})`,
              current: outcome === "exceptions",
            },
            ...settlementOutcomes.map((o) => ({
              href: href(o),
              label: `${t(`outcomes.${o}`)} (${count(o)})`,
              current: outcome === o,
            })),
          ]}
        />
        {lines.length === 0 ? (
          <EmptyState title={t("file.noLines")} />
        ) : (
          <LinesTable lines={lines} caption={t("file.title", { id: file.id })} />
        )}
      </div>
    </>
  );
}
