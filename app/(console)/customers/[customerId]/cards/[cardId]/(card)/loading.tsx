/** Only the card overview streams behind this skeleton: its sub-pages (renew, suspend, goodwill …) decide 403/404 first. */
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function CardLoading() {
  return <PageSkeleton />;
}
