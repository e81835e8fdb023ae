import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { Table, Td, Th, TBody } from "@/components/ui/table";
import { getSettlementMapping, listSettlementFiles } from "@/db/queries/reconciliation";
import { requireStaff } from "@/lib/auth/session";
import { genericSettlementMethods } from "@/lib/domain/enums";
import { ReconciliationNav } from "./reconciliation-nav";
import { UploadForm, type SavedMapping } from "./upload-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reconciliation"))("title") };
}

/** Supervisors: import the day's settlement files and see what each came to. */
async function ReconciliationPage() {
  await requireStaff({ permission: "reconcileSettlements" });
  const t = await getTranslations("reconciliation");
  const [files, ...mappingRows] = await Promise.all([
    listSettlementFiles(),
    ...genericSettlementMethods.map((m) => getSettlementMapping(m)),
  ]);
  const mappings: Record<string, SavedMapping> = {};
  genericSettlementMethods.forEach((m, i) => {
    const row = mappingRows[i];
    if (row) mappings[m] = row;
  });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-6">
        <ReconciliationNav current="files" />
      </div>
      <div className="space-y-6">
        <UploadForm mappings={mappings} />
        <section aria-labelledby="files-title" className="space-y-2">
          <h2 id="files-title" className="text-sm font-semibold text-slate-800">
            {t("files.title")}
          </h2>
          {files.length === 0 ? (
            <EmptyState title={t("files.empty")} body={t("files.emptyBody")} />
          ) : (
            <Table caption={t("files.title")}>
              <thead>
                <tr>
                  <Th>{t("files.file")}</Th>
                  <Th>{t("files.format")}</Th>
                  <Th>{t("files.period")}</Th>
                  <Th numeric>{t("files.lines")}</Th>
                  <Th numeric>{t("files.openExceptions")}</Th>
                  <Th>{t("files.uploaded")}</Th>
                </tr>
              </thead>
              <TBody>
                {files.map((file) => (
                  <tr key={file.id}>
                    <Td>
                      <Link href={`/reconciliation/${file.id}`} className="font-medium text-brand-700 hover:underline">
                        #{file.id} {file.fileName}
                      </Link>
                    </Td>
                    <Td>{t(`formats.${file.format}`)}</Td>
                    <Td>
                      <HkTime value={file.periodFrom} dateOnly />
                      {file.periodTo.getTime() - file.periodFrom.getTime() > 86_400_000 ? (
                        <>
                          {" – "}
                          <HkTime value={file.periodTo} dateOnly />
                        </>
                      ) : null}
                    </Td>
                    <Td numeric>{file.lineCount}</Td>
                    <Td numeric>{file.openExceptions > 0 ? <Badge tone="amber">{file.openExceptions}</Badge> : 0}</Td>
                    <Td>
                      <HkTime value={file.uploadedAt} /> · {file.uploadedByName}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>
      </div>
    </>
  );
}

export default withClientMessages(
  ["reconciliation.upload", "reconciliation.formats", "renewals.methods"],
  ReconciliationPage,
);
