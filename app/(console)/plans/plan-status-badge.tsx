import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { planStatuses } from "@/db/schema/plans";

const tone: Record<(typeof planStatuses)[number], BadgeTone> = { draft: "amber", active: "green", archived: "neutral" };

export function PlanStatusBadge({ status }: { status: (typeof planStatuses)[number] }) {
  const t = useTranslations("plans.status");
  return <Badge tone={tone[status]}>{t(status)}</Badge>;
}
