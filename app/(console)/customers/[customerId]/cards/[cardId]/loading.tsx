import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function CardLoading() {
  return <PageSkeleton />;
}
