import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/domain/permissions";

export function RoleBadge({ role }: { role: Role }) {
  const t = useTranslations("common.roles");
  return <Badge tone={role === "admin" ? "blue" : "neutral"}>{t(role)}</Badge>;
}

export function StaffStateBadge({ disabledAt }: { disabledAt: Date | null }) {
  const t = useTranslations("staff.state");
  return disabledAt ? <Badge tone="red">{t("disabled")}</Badge> : <Badge tone="green">{t("active")}</Badge>;
}
