import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { getCardLifecycle } from "@/db/queries/card-lifecycle";
import { formatHkt } from "@/lib/domain/format";
import { formatMoney } from "@/lib/domain/money";
import { LifecycleHeader, loadLifecycleCard, type CardRouteParams } from "../lifecycle-page";
import { NewCardForm } from "./new-card-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lifecycle"))("actions.newCard").replace("…", "") };
}

async function NewCardPage({ params }: { params: CardRouteParams }) {
  const { card, status, cardHref } = await loadLifecycleCard(params, "issueNewCard");
  const t = await getTranslations("lifecycle");
  const tCards = await getTranslations("cards");
  const locale = await getLocale();
  const { successor } = await getCardLifecycle(card.id);
  return (
    <div className="mx-auto max-w-3xl">
      <LifecycleHeader card={card} state={status.state} title={t("newCard.title", { id: card.id })} />
      <Panel>
        {successor ? (
          <Notice tone="info">
            {t("banner.newCardIssued", { cardId: successor.newCardId, date: formatHkt(successor.createdAt) })}{" "}
            <Link href={`/customers/${card.customerId}/cards/${successor.newCardId}`} className="font-medium underline">
              {t("banner.openSuccessor", { cardId: successor.newCardId })}
            </Link>
          </Notice>
        ) : status.state !== "expired" ? (
          <Notice tone="warning">{t("newCard.notExpired", { state: tCards(`state.${status.state}`) })}</Notice>
        ) : (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">
              {t("newCard.intro", { id: card.id, date: formatHkt(status.graceEndsAt, { dateOnly: true }) })}
            </p>
            {card.storedValueHkdMinor > 0 ? (
              <p className="text-sm text-slate-700">
                {t("banner.forfeited", {
                  amount: formatMoney(card.storedValueHkdMinor, "HKD", locale),
                  date: formatHkt(status.graceEndsAt, { dateOnly: true }),
                })}
              </p>
            ) : null}
            <NewCardForm cardId={card.id} cardHref={cardHref} />
          </div>
        )}
      </Panel>
    </div>
  );
}

export default withClientMessages(["lifecycle"], NewCardPage);
