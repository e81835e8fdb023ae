import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { getCardLifecycle } from "@/db/queries/card-lifecycle";
import { liftChecks, liftPermission, realNameCleared } from "@/lib/domain/card-lifecycle";
import { formatHkt } from "@/lib/domain/format";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { allows } from "@/lib/domain/permissions";
import { LifecycleHeader, loadLifecycleCard, type CardRouteParams } from "../lifecycle-page";
import { LiftForm } from "./lift-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lifecycle"))("actions.lift").replace("…", "") };
}

async function LiftPage({ params }: { params: CardRouteParams }) {
  const { staff, card, status, cardHref } = await loadLifecycleCard(params, "liftSuspension");
  const t = await getTranslations("lifecycle");
  const tCards = await getTranslations("cards");
  const reason = card.suspensionReason;
  if (status.state !== "suspended" || !reason) {
    return (
      <div className="mx-auto max-w-3xl">
        <LifecycleHeader card={card} state={status.state} title={t("lift.title", { id: card.id })} />
        <Notice tone="warning">{t("lift.notSuspended")}</Notice>
      </div>
    );
  }
  const { openSuspension } = await getCardLifecycle(card.id);
  const checks = liftChecks(reason);
  const live = card.numbers.filter((n) => !n.releasedAt);
  const realNameOk = live.every((n) => realNameCleared.includes(n.realNameStatus));
  const allowed = allows(staff.role, liftPermission[reason]);
  return (
    <div className="mx-auto max-w-3xl">
      <LifecycleHeader card={card} state={status.state} title={t("lift.title", { id: card.id })} />
      <Panel>
        <div className="space-y-4">
          <p className="text-sm text-slate-800">
            {t("lift.current", {
              reason: t(`reasons.${reason}`),
              since: formatHkt(openSuspension?.suspendedAt ?? card.suspendedAt ?? new Date()),
              by: openSuspension?.suspendedByName ?? t("banner.suspendedByCarrier"),
            })}
          </p>
          {openSuspension?.note ? (
            <p className="text-sm text-slate-600">{t("banner.note", { note: openSuspension.note })}</p>
          ) : null}
          {checks.includes("real_name") ? (
            <div className="space-y-2">
              <p className="text-sm text-slate-700">{realNameOk ? t("lift.realNameOk") : t("lift.realName")}</p>
              <ul className="space-y-1 text-sm">
                {live.map((n) => (
                  <li key={n.msisdn} className="flex items-center gap-2">
                    <span className="tabular-nums">{formatMsisdn(n.msisdn)}</span>
                    <Badge tone={realNameCleared.includes(n.realNameStatus) ? "green" : "red"}>
                      {tCards(`sim.realName.${n.realNameStatus}`)}
                    </Badge>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {allowed ? (
            <LiftForm cardId={card.id} cardHref={cardHref} checks={checks} />
          ) : (
            <Notice tone="warning">{t("banner.supervisorOnly")}</Notice>
          )}
        </div>
      </Panel>
    </div>
  );
}

export default withClientMessages(["lifecycle"], LiftPage);
