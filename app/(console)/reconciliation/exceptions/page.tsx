import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { listSettlementLines } from "@/db/queries/reconciliation";
import { requireStaff } from "@/lib/auth/session";
import { LinesTable } from "../lines-table";
import { ReconciliationNav } from "../reconciliation-nav";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reconciliation.exceptions"))("title") };
}

/** Every exception no supervisor has resolved yet, across files. */
export default async function ExceptionsPage() {
  await requireStaff({ permission: "reconcileSettlements" });
  const t = await getTranslations("reconciliation");
  const lines = await listSettlementLines({ outcome: "exceptions", openOnly: true, limit: 1000 });
  return (
    <>
      <PageHeader title={t("exceptions.title")} description={t("exceptions.description")} />
      <div className="mb-6">
        <ReconciliationNav current="exceptions" />
      </div>
      {lines.length === 0 ? (
        <EmptyState title={t("exceptions.empty")} body={t("exceptions.emptyBody")} />
      ) : (
        <LinesTable lines={lines} caption={t("exceptions.title")} showFile />
      )}
    </>
  );
}
