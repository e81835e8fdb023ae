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

/** The one way a card's state is shown, in lists, the card page and reports. */
export function CardStateBadge({ state }: { state: CardState }) {
  const t = useTranslations("cards.state");
  return <Badge tone={tone[state]}>{t(state)}</Badge>;
}
