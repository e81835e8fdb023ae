import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import type { PlanVersionRow } from "@/db/queries/plans";
import { formatNumber } from "@/lib/domain/format";
import { PlanTermCells, PlanTermHeaders } from "../plan-terms";

/** Every version, newest first, each term marked where it differs from the version before it. */
export async function VersionHistory({
  versions,
  currentVersionId,
  cards,
}: {
  versions: PlanVersionRow[];
  currentVersionId: number | null;
  cards: Map<number, number>;
}) {
  const t = await getTranslations("plans");
  const locale = await getLocale();
  return (
    <Table caption={t("detail.versionsCaption")}>
      <thead>
        <tr>
          <Th>{t("fields.version")}</Th>
          <Th>{t("detail.effectiveFrom")}</Th>
          <Th>{t("detail.by")}</Th>
          <PlanTermHeaders />
          <Th numeric>{t("columns.cardsNow")}</Th>
        </tr>
      </thead>
      <TBody>
        {versions.map((version, index) => {
          const previous = versions[index + 1];
          return (
            <tr
              key={version.versionId}
              className={version.versionId === currentVersionId ? "bg-brand-50/40" : undefined}
            >
              <Td>
                <span className="font-medium">{t("version", { version: version.version })}</span>{" "}
                {version.versionId === currentVersionId ? <Badge tone="blue">{t("detail.currentBadge")}</Badge> : null}
              </Td>
              <Td>
                <HkTime value={version.effectiveFrom} />
              </Td>
              <Td>{version.createdByName ?? <span className="text-slate-500">{t("detail.system")}</span>}</Td>
              <PlanTermCells terms={version} previous={previous} />
              <Td numeric>{formatNumber(cards.get(version.versionId) ?? 0, locale)}</Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
