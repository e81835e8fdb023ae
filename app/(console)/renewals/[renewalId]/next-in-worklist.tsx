import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { nextInQueue, parseQueue } from "@/lib/domain/worklist-queue";

/** After a renewal started from the worklist: the next card on the agent's list, one keystroke away. */
export function NextInWorklist({ queue }: { queue: string | string[] | undefined }) {
  const t = useTranslations("desk.worklist");
  const next = nextInQueue(parseQueue(queue));
  if (!next) return null;
  return (
    <div className="no-print flex items-center justify-between gap-3 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3">
      <p className="text-sm text-brand-700">{t("nextHint")}</p>
      <Link href={next.href} className={buttonClass("primary")} autoFocus>
        {t("nextInWorklist")} →
      </Link>
    </div>
  );
}
