import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import type { CardDetail } from "@/db/queries/cards";
import type { CardLifecycle } from "@/db/queries/card-lifecycle";
import { lifecycleOptions, liftPermission } from "@/lib/domain/card-lifecycle";
import type { CardStateInfo } from "@/lib/domain/card-state";
import { formatHkt } from "@/lib/domain/format";
import { formatMoney } from "@/lib/domain/money";
import { allows, may, type Role } from "@/lib/domain/permissions";
import { RetryCarrierRequest } from "./lifecycle-carrier";

const doneMessages = ["suspended", "lifted", "replaced"] as const;

/**
 * The card's lifecycle on its page: what happened to it (suspended by whom
 * and why, replaced by or replacing which card, expired with its numbers
 * released and stored value forfeited), what staff may do next, and the
 * history of every suspension, lift and replacement.
 */
export async function LifecyclePanel({
  card,
  lifecycle,
  status,
  staff,
  path,
  done,
}: {
  card: CardDetail;
  lifecycle: CardLifecycle;
  status: CardStateInfo;
  staff: { role: Role };
  path: string;
  done?: string | string[];
}) {
  const t = await getTranslations("lifecycle");
  const locale = await getLocale();
  const options = lifecycleOptions(status.state);
  const open = lifecycle.openSuspension;
  const successor = lifecycle.successor;
  const predecessor = lifecycle.predecessor;
  const doneKey = doneMessages.find((key) => key === done);
  const canLift = card.suspensionReason ? allows(staff.role, liftPermission[card.suspensionReason]) : false;
  const fraudBlocked = card.suspensionReason === "fraud" || card.suspensionReason === "other";

  const links = [
    options.suspend && may.suspendCard(staff) ? { href: `${path}/suspend`, label: t("actions.suspend") } : null,
    options.lift && canLift ? { href: `${path}/lift`, label: t("actions.lift") } : null,
    options.replace && !fraudBlocked && may.replaceCard(staff)
      ? { href: `${path}/replace`, label: t("actions.replace") }
      : null,
    options.newCard && !successor && may.issueNewCard(staff)
      ? { href: `${path}/new-card`, label: t("actions.newCard") }
      : null,
  ].filter((link) => link !== null);

  return (
    <section aria-labelledby="card-lifecycle" className="mb-6 space-y-3">
      <h2 id="card-lifecycle" className="sr-only">
        {t("actions.title")}
      </h2>
      {doneKey ? <Notice tone="success">{t(`done.${doneKey}`)}</Notice> : null}

      {status.state === "suspended" && card.suspensionReason ? (
        <Notice tone="warning">
          <p className="font-medium" data-testid="suspension">
            {t("banner.suspended", {
              reason: t(`reasons.${card.suspensionReason}`),
              since: formatHkt(open?.suspendedAt ?? card.suspendedAt ?? new Date()),
              by: open?.suspendedByName ?? t("banner.suspendedByCarrier"),
            })}
          </p>
          {open?.note ? <p>{t("banner.note", { note: open.note })}</p> : null}
          {open?.ticketReference ? <p>{t("banner.ticket", { ticket: open.ticketReference })}</p> : null}
          {!canLift ? <p className="mt-1">{t("banner.supervisorOnly")}</p> : null}
        </Notice>
      ) : null}

      {successor && successor.kind === "replacement" ? (
        <Notice tone="info">
          <p className="font-medium" data-testid="replaced-by">
            {t("banner.replacedBy", {
              cardId: successor.newCardId,
              date: formatHkt(successor.createdAt),
            })}
          </p>
          <Link href={`/customers/${card.customerId}/cards/${successor.newCardId}`} className="font-medium underline">
            {t("banner.openSuccessor", { cardId: successor.newCardId })}
          </Link>
        </Notice>
      ) : null}

      {predecessor ? (
        <Notice tone="info">
          <p>
            {predecessor.kind === "replacement"
              ? t("banner.replaces", {
                  cardId: predecessor.oldCardId,
                  reason: t(`replacementReasons.${predecessor.reason ?? "damaged"}`),
                  date: formatHkt(predecessor.createdAt),
                })
              : t("banner.follows", { cardId: predecessor.oldCardId, date: formatHkt(predecessor.createdAt) })}{" "}
            <Link
              href={`/customers/${card.customerId}/cards/${predecessor.oldCardId}`}
              className="font-medium underline"
            >
              {t("banner.openSuccessor", { cardId: predecessor.oldCardId })}
            </Link>
          </p>
          {predecessor.kind === "new_card" && status.state !== "active" ? (
            <p className="mt-1 font-medium">{t("banner.firstRenewal")}</p>
          ) : null}
        </Notice>
      ) : null}

      {status.state === "expired" ? (
        <Notice tone="error">
          <p data-testid="numbers-released">
            {t("banner.expiredNumbers", { date: formatHkt(status.graceEndsAt, { dateOnly: true }) })}
          </p>
          <p data-testid="stored-value-forfeited">
            {card.storedValueHkdMinor > 0
              ? t("banner.forfeited", {
                  amount: formatMoney(card.storedValueHkdMinor, "HKD", locale),
                  date: formatHkt(status.graceEndsAt, { dateOnly: true }),
                })
              : t("banner.nothingForfeited")}
          </p>
          <p className="mt-1 font-medium">
            {successor && successor.kind === "new_card"
              ? t("banner.newCardIssued", { cardId: successor.newCardId, date: formatHkt(successor.createdAt) })
              : t("banner.expiredNext")}
          </p>
        </Notice>
      ) : null}

      {lifecycle.carrier.length ? (
        <ul className="space-y-1 text-sm" data-testid="lifecycle-carrier">
          {lifecycle.carrier.map((request) => {
            const kind = t(`carrier.kinds.${request.kind as "suspend" | "resume" | "swap"}`);
            return (
              <li key={request.id} className="flex flex-wrap items-center gap-2">
                <span className={request.status === "succeeded" ? "text-emerald-800" : "font-medium text-amber-900"}>
                  {request.status === "succeeded"
                    ? t("carrier.succeeded", { kind, time: formatHkt(request.completedAt ?? request.createdAt) })
                    : request.status === "failed" || request.lastError
                      ? t("carrier.failed", { kind, attempts: request.attempts, error: request.lastError ?? "—" })
                      : t("carrier.pending", { kind, attempts: request.attempts })}
                </span>
                {request.status !== "succeeded" && may.suspendCard(staff) ? (
                  <RetryCarrierRequest carrierRequestId={request.id} />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      {links.length ? (
        <div className="flex flex-wrap gap-2">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className={buttonClass("secondary")}>
              {link.label}
            </Link>
          ))}
        </div>
      ) : null}
    </section>
  );
}

/** Every suspension, lift and replacement of the card, newest first, with who, when, why and the ticket. */
export async function LifecycleHistory({ lifecycle }: { lifecycle: CardLifecycle }) {
  const t = await getTranslations("lifecycle");
  const locale = await getLocale();
  const successions = [lifecycle.successor, lifecycle.predecessor].filter((s) => s !== null);
  if (lifecycle.suspensions.length === 0 && successions.length === 0) {
    return (
      <Panel title={t("history.title")}>
        <p className="text-sm text-slate-600">{t("history.empty")}</p>
      </Panel>
    );
  }
  return (
    <Panel title={t("history.title")}>
      <ol className="space-y-3 text-sm" data-testid="lifecycle-history">
        {successions.map((s) => (
          <li key={`succession-${s.id}`}>
            <p className="font-medium text-slate-900">
              {s.kind === "replacement"
                ? t("history.replacedLine", {
                    reason: t(`replacementReasons.${s.reason ?? "damaged"}`),
                    oldCardId: s.oldCardId,
                    newCardId: s.newCardId,
                  })
                : t("history.newCardLine", { oldCardId: s.oldCardId, newCardId: s.newCardId })}
            </p>
            <p className="text-xs text-slate-600">
              <HkTime value={s.createdAt} /> · {s.createdByName}
              {s.ticketReference ? ` · ${t("banner.ticket", { ticket: s.ticketReference })}` : null}
            </p>
            {s.feeMinor !== null && s.feeCurrency ? (
              <p className="text-xs text-slate-600">
                {s.feeWaiveReason
                  ? t("history.feeWaived", {
                      amount: formatMoney(s.feeMinor, s.feeCurrency, locale),
                      name: s.feeWaivedByName ?? "—",
                      reason: s.feeWaiveReason,
                    })
                  : t("history.fee", { amount: formatMoney(s.feeMinor, s.feeCurrency, locale) })}
              </p>
            ) : null}
            {s.handover ? (
              <p className="text-xs text-slate-600">
                {s.handover === "delivery"
                  ? t("history.handoverDelivery", { address: s.deliveryAddress ?? "" })
                  : t("history.handoverPickup")}
              </p>
            ) : null}
          </li>
        ))}
        {lifecycle.suspensions.map((s) => (
          <li key={`suspension-${s.id}`}>
            <p className="font-medium text-slate-900">
              {t("history.suspendedLine", { reason: t(`reasons.${s.reason}`) })}
            </p>
            <p className="text-xs text-slate-600">
              <HkTime value={s.suspendedAt} /> · {s.suspendedByName ?? t("banner.suspendedByCarrier")}
              {s.ticketReference ? ` · ${t("banner.ticket", { ticket: s.ticketReference })}` : null}
              {s.note ? ` · ${s.note}` : null}
            </p>
            {s.liftedAt ? (
              <p className="text-xs text-slate-600">
                {s.endedByReplacementId ? t("history.endedByReplacement") : t("history.liftedLine")} ·{" "}
                <HkTime value={s.liftedAt} /> · {s.liftedByName ?? "—"}
                {s.liftTicketReference ? ` · ${t("banner.ticket", { ticket: s.liftTicketReference })}` : null}
                {s.liftNote ? ` · ${s.liftNote}` : null}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
