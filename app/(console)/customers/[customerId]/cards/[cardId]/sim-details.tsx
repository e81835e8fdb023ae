import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { Panel } from "@/components/ui/panel";
import type { CardDetail } from "@/db/queries/cards";
import { formatMsisdn } from "@/lib/domain/identifiers";

const realNameTone: Record<CardDetail["numbers"][number]["realNameStatus"], BadgeTone> = {
  verified: "green",
  pending: "amber",
  failed: "red",
  not_required: "neutral",
};

/**
 * Both numbers with their real-name status, then the SIM itself. An expired
 * card's numbers are shown released (they were, at the end of grace); a
 * replaced card's as moved to its successor.
 */
export function SimDetails({ card, released = false }: { card: CardDetail; released?: boolean }) {
  const t = useTranslations("cards.sim");
  return (
    <Panel title={t("title")}>
      <dl className="space-y-3 text-sm">
        {card.numbers.length === 0 ? <p className="text-slate-600">{t("noNumbers")}</p> : null}
        {card.numbers
          .map((number) => ({ ...number, releasedAt: number.releasedAt ?? (released ? card.validityEnd : null) }))
          .map((number) => (
            <div key={`${number.msisdn}-${number.releasedAt?.toISOString() ?? "live"}`}>
              <dt className="text-slate-500">{t(`region.${number.region}`)}</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <span
                  className={
                    number.releasedAt
                      ? "tabular-nums text-slate-500 line-through"
                      : "font-medium tabular-nums text-slate-900"
                  }
                >
                  {formatMsisdn(number.msisdn)}
                </span>
                {number.releasedAt && card.replacedByCardId ? (
                  <Badge tone="blue">{t("movedTo", { cardId: card.replacedByCardId })}</Badge>
                ) : number.releasedAt ? (
                  <Badge>{t("released")}</Badge>
                ) : (
                  <Badge tone={realNameTone[number.realNameStatus]}>{t(`realName.${number.realNameStatus}`)}</Badge>
                )}
              </dd>
            </div>
          ))}
        <div>
          <dt className="text-slate-500">{t("iccid")}</dt>
          <dd className="select-all break-all font-mono text-slate-900">{card.iccid}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("inService")}</dt>
          <dd>
            {t(`form.${card.form}`)} · <HkTime value={card.activatedAt} dateOnly />
          </dd>
        </div>
      </dl>
    </Panel>
  );
}
