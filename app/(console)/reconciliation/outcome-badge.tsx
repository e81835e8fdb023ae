import { getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { SettlementOutcome, SettlementResolution } from "@/lib/domain/enums";

const tones: Record<SettlementOutcome, BadgeTone> = {
  matched: "green",
  amount_differs: "red",
  missing_in_console: "amber",
  missing_in_file: "amber",
};

/** A line's outcome; a resolved exception reads as resolved, in neutral. */
export async function OutcomeBadge({
  outcome,
  resolution,
}: {
  outcome: SettlementOutcome;
  resolution: SettlementResolution | null;
}) {
  const t = await getTranslations("reconciliation");
  return (
    <span className="inline-flex flex-wrap items-center gap-1 whitespace-nowrap">
      <Badge tone={resolution ? "neutral" : tones[outcome]}>{t(`outcomes.${outcome}`)}</Badge>
      {resolution ? <Badge tone="blue">{t(`resolutions.${resolution}`)}</Badge> : null}
    </span>
  );
}
