import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { lifecycleOptions, suspendPermission } from "@/lib/domain/card-lifecycle";
import { suspendReasons } from "@/lib/domain/enums";
import { allows } from "@/lib/domain/permissions";
import { LifecycleHeader, loadLifecycleCard, type CardRouteParams } from "../lifecycle-page";
import { SuspendForm } from "./suspend-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lifecycle"))("actions.suspend").replace("…", "") };
}

async function SuspendPage({ params }: { params: CardRouteParams }) {
  const { staff, card, status, cardHref } = await loadLifecycleCard(params, "suspendCard");
  const t = await getTranslations("lifecycle");
  const tCards = await getTranslations("cards");
  const reasons = suspendReasons.map((reason) => ({
    value: reason,
    allowed: allows(staff.role, suspendPermission[reason]),
  }));
  return (
    <div className="mx-auto max-w-3xl">
      <LifecycleHeader card={card} state={status.state} title={t("suspend.title", { id: card.id })} />
      <Panel>
        {lifecycleOptions(status.state).suspend ? (
          <SuspendForm cardId={card.id} cardHref={cardHref} reasons={reasons} />
        ) : (
          <Notice tone="warning">{t("suspend.notAllowed", { state: tCards(`state.${status.state}`) })}</Notice>
        )}
      </Panel>
    </div>
  );
}

export default withClientMessages(["lifecycle"], SuspendPage);
