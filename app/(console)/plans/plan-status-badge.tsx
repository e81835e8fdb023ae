import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PlanStatus } from "@/lib/domain/enums";

const tone: Record<PlanStatus, BadgeTone> = { draft: "amber", active: "green", archived: "neutral" };

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const t = useTranslations("plans.status");
  return <Badge tone={tone[status]}>{t(status)}</Badge>;
}
