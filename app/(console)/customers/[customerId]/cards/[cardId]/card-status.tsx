import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { CardStateBadge } from "@/components/cards/card-state-badge";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { HkTime } from "@/components/ui/hk-time";
import type { CardDetail } from "@/db/queries/cards";
import type { CardStateInfo } from "@/lib/domain/card-state";
import { formatHkt } from "@/lib/domain/format";
import { DAY_MS } from "@/lib/domain/time";

const HOUR_MS = DAY_MS / 24;

/** Whole days and hours between now and validity end, either way round. */
function countdown(end: Date, now: Date): { days: number; hours: number } {
  const hours = Math.floor(Math.abs(end.getTime() - now.getTime()) / HOUR_MS);
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}

const frame = {
  active: "border-emerald-200 bg-emerald-50/60",
  grace: "border-amber-300 bg-amber-50",
  expired: "border-red-200 bg-red-50",
  suspended: "border-slate-300 bg-slate-100",
  replaced: "border-sky-200 bg-sky-50",
} as const;

/**
 * The top of the card page: the state in plain words, validity and its
 * countdown, and whether the card can be renewed (and if not, why not).
 */
export function CardStatus({
  card,
  status,
  now,
  renewHref,
}: {
  card: CardDetail;
  status: CardStateInfo;
  now: Date;
  renewHref: string;
}) {
  const t = useTranslations("cards");
  const locale = useLocale();
  const reason = t(`suspensionReason.${card.suspensionReason ?? "other"}`);
  // Until the carrier confirms a paid renewal, the card is served until the end before it.
  const end = status.servedUntil;
  const ended = now.getTime() > end.getTime();
  const line = {
    active: t("stateLine.active", { days: countdown(end, now).days }),
    grace: t("stateLine.grace", { until: formatHkt(status.graceEndsAt, { locale }) }),
    expired: t("stateLine.expired"),
    suspended: t("stateLine.suspended", { reason }),
    replaced: t("stateLine.replaced", { cardId: card.replacedByCardId ?? 0 }),
  }[status.state];
  const refusal =
    status.state === "expired"
      ? t("renew.refusedExpired")
      : status.state === "suspended"
        ? t("renew.refusedSuspended", { reason })
        : status.state === "replaced"
          ? t("renew.refusedReplaced", { cardId: card.replacedByCardId ?? 0 })
          : null;

  return (
    <section aria-labelledby="card-state" className={cn("mb-6 rounded-lg border p-5", frame[status.state])}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <div className="flex items-center gap-3">
            <CardStateBadge state={status.state} notActiveYet={status.notActiveYet} />
            <h2 id="card-state" className="text-lg font-semibold text-slate-900">
              {line}
            </h2>
          </div>
          <p className="text-sm text-slate-700">
            <span className="text-slate-700">{t("validity.ends")} </span>
            <HkTime value={end} className="font-medium text-slate-900" />
            <span className="text-slate-600"> · </span>
            <span data-testid="countdown">
              {t(ended ? "validity.endedAgo" : "validity.countdown", countdown(end, now))}
              {status.state === "grace"
                ? ` · ${t("validity.graceLeft", { days: countdown(status.graceEndsAt, now).days })}`
                : null}
            </span>
          </p>
          {status.notActiveYet ? (
            <p className="text-sm font-medium text-amber-900" data-testid="not-active-yet">
              {t("notActiveYet", { end: formatHkt(card.validityEnd) })}
            </p>
          ) : null}
          {status.state === "grace" ? (
            <p className="text-sm text-slate-700">
              <span className="text-slate-700">{t("validity.graceEnds")} </span>
              <HkTime value={status.graceEndsAt} className="font-medium" />
            </p>
          ) : null}
        </div>
        <div className="max-w-xs space-y-1 text-right">
          {status.renewable ? (
            <Link href={renewHref} className={buttonClass("primary", "px-6")}>
              {t("renew.button")}
            </Link>
          ) : (
            <Button disabled aria-describedby="renew-refusal" className="px-6">
              {t("renew.button")}
            </Button>
          )}
          <p
            id={refusal ? "renew-refusal" : undefined}
            className={cn("text-xs", refusal ? "font-medium text-red-800" : "text-slate-600")}
          >
            {refusal ?? (status.state === "grace" ? t("renew.hintGrace") : t("renew.hintActive"))}
          </p>
        </div>
      </div>
    </section>
  );
}
