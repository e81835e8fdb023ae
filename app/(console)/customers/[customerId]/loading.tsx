import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function CustomerLoading() {
  return <PageSkeleton />;
}
