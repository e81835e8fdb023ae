import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default async function RenewLoading() {
  return <PageSkeleton title={(await getTranslations("renewals"))("renewTitle")} layout="form" />;
}
