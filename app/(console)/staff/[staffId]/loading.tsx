import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function StaffMemberLoading() {
  return <PageSkeleton />;
}
