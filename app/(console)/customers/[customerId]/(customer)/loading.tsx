import { PageSkeleton } from "@/components/ui/page-skeleton";

/** The customer page streams behind this; its layout has already decided 403 and 404. */
export default function CustomerLoading() {
  return <PageSkeleton />;
}
