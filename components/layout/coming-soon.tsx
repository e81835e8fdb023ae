import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/panel";

/** A clear placeholder for a section a later release fills; never fake data. */
export async function ComingSoon({ title }: { title: string }) {
  const t = await getTranslations("common");
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={t("comingSoon")} body={t("comingSoonBody")} />
    </>
  );
}
