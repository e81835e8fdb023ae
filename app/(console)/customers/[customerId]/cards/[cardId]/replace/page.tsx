import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { replacementFees } from "@/lib/config";
import { lifecycleOptions } from "@/lib/domain/card-lifecycle";
import { formatHkt } from "@/lib/domain/format";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { formatMoney } from "@/lib/domain/money";
import { may } from "@/lib/domain/permissions";
import { LifecycleHeader, loadLifecycleCard, type CardRouteParams } from "../lifecycle-page";
import { ReplaceForm } from "./replace-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lifecycle"))("actions.replace").replace("…", "") };
}

async function ReplacePage({ params }: { params: CardRouteParams }) {
  const { staff, card, status, cardHref } = await loadLifecycleCard(params, "replaceCard");
  const t = await getTranslations("lifecycle");
  const tCards = await getTranslations("cards");
  const locale = await getLocale();
  const fees = replacementFees();
  const fraud = card.suspensionReason === "fraud" || card.suspensionReason === "other";
  const live = card.numbers.filter((n) => !n.releasedAt);
  return (
    <div className="mx-auto max-w-3xl">
      <LifecycleHeader card={card} state={status.state} title={t("replace.title", { id: card.id })} />
      <Panel>
        {!lifecycleOptions(status.state).replace ? (
          <Notice tone="warning">{t("replace.notAllowed", { state: tCards(`state.${status.state}`) })}</Notice>
        ) : fraud ? (
          <Notice tone="warning">{t("replace.fraudBlocks")}</Notice>
        ) : (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">{t("replace.intro")}</p>
            <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid="takes-over">
              {t("replace.takesOver", {
                numbers: live.map((n) => formatMsisdn(n.msisdn)).join(", ") || "—",
                validity: formatHkt(card.validityEnd),
                balance: formatMoney(card.storedValueHkdMinor, "HKD", locale),
              })}
            </p>
            {card.suspensionReason ? (
              <Notice tone="info">
                {card.suspensionReason === "lost" || card.suspensionReason === "stolen"
                  ? t("replace.suspensionStays")
                  : t("replace.suspensionFollows", { reason: t(`reasons.${card.suspensionReason}`) })}
              </Notice>
            ) : null}
            <ReplaceForm
              cardId={card.id}
              cardHref={cardHref}
              defaultReason={
                card.suspensionReason === "stolen" ? "stolen" : card.suspensionReason === "lost" ? "lost" : null
              }
              fees={{ HKD: formatMoney(fees.HKD, "HKD", locale), CNY: formatMoney(fees.CNY, "CNY", locale) }}
              balance={formatMoney(card.storedValueHkdMinor, "HKD", locale)}
              mayWaive={may.waiveReplacementFee(staff)}
            />
          </div>
        )}
      </Panel>
    </div>
  );
}

export default withClientMessages(["lifecycle", "renewals"], ReplacePage);
