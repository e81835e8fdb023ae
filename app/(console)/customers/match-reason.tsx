import { useTranslations } from "next-intl";
import type { MatchReason } from "@/lib/domain/search-classifier";

/** "HK number ends 4567": why a row is in the results, the same in the list and the suggestions. */
export function MatchReasonText({ reason, value }: { reason: MatchReason; value: string }) {
  const t = useTranslations("customers.match");
  return <>{t(reason, { value })}</>;
}
