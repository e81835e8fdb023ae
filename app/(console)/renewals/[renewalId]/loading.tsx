import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ReceiptLoading() {
  return <PageSkeleton />;
}
