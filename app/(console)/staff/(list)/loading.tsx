import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default async function StaffListLoading() {
  return <PageSkeleton title={(await getTranslations("staff"))("title")} layout="table" />;
}
