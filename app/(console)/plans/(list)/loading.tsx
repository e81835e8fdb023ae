import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default async function PlanListLoading() {
  return <PageSkeleton title={(await getTranslations("plans"))("title")} layout="table" />;
}
