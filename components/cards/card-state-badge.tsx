import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { CardState } from "@/lib/domain/card-state";

const tone: Record<CardState, BadgeTone> = {
  active: "green",
  grace: "amber",
  expired: "red",
  suspended: "neutral",
  replaced: "blue",
};

/** The badge's props from a derived state (lib/domain/card-state). */
export function cardStateBadgeProps(info: { state: CardState; notActiveYet: boolean }) {
  return { state: info.state, notActiveYet: info.notActiveYet };
}

/**
 * The one way a card's state is shown, in lists, the card page and reports.
 * A paid renewal the carrier has not activated shows as "paid — not active
 * yet" beside the state the card is served in, never as plain "Active".
 */
export function CardStateBadge({ state, notActiveYet = false }: { state: CardState; notActiveYet?: boolean }) {
  const t = useTranslations("cards.state");
  if (!notActiveYet) return <Badge tone={tone[state]}>{t(state)}</Badge>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={tone[state]}>{t(state)}</Badge>
      <Badge tone="amber">{t("notActiveYet")}</Badge>
    </span>
  );
}
