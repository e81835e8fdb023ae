import { useTranslations } from "next-intl";
import { formatHkt } from "@/lib/domain/format";
import type { CardState } from "@/lib/domain/card-state";
import type { SuspensionReason } from "@/lib/domain/enums";

export interface LifecycleNoteInput {
  state: CardState | null;
  suspensionReason: SuspensionReason | null;
  suspendedAt: Date | null;
  suspendedByName: string | null;
  replacedByCardId: number | null;
}

/** Under a card's state in lists: why it is suspended, by whom and since when, or which card replaced it. */
export function LifecycleNote({ line }: { line: LifecycleNoteInput }) {
  const t = useTranslations("lifecycle");
  if (line.state === "replaced" && line.replacedByCardId) {
    return (
      <div className="mt-1 text-xs text-sky-800" data-testid="replaced-by-note">
        {t("list.replacedBy", { cardId: line.replacedByCardId })}
      </div>
    );
  }
  if (line.state === "suspended" && line.suspensionReason) {
    return (
      <div className="mt-1 text-xs text-slate-700">
        {t("list.suspended", {
          reason: t(`reasons.${line.suspensionReason}`),
          by: line.suspendedByName ?? t("banner.suspendedByCarrier"),
          since: line.suspendedAt ? formatHkt(line.suspendedAt, { dateOnly: true }) : "—",
        })}
      </div>
    );
  }
  return null;
}
