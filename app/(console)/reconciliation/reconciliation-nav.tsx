import { getTranslations } from "next-intl/server";
import { SegmentedLinks } from "../reports/segmented-links";

/** Files, open exceptions, the daily close and exports: one area, one row of links. */
export async function ReconciliationNav({ current }: { current: "files" | "exceptions" | "close" | "exports" }) {
  const t = await getTranslations("reconciliation");
  return (
    <SegmentedLinks
      label={t("title")}
      options={[
        { href: "/reconciliation", label: t("files.title"), current: current === "files" },
        { href: "/reconciliation/exceptions", label: t("exceptions.title"), current: current === "exceptions" },
        { href: "/reconciliation/close", label: t("close.title"), current: current === "close" },
        { href: "/reconciliation/exports", label: t("exports.title"), current: current === "exports" },
      ]}
    />
  );
}
