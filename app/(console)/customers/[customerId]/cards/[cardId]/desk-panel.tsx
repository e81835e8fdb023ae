import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { HkTime } from "@/components/ui/hk-time";
import { Panel } from "@/components/ui/panel";
import type { RealNameRow } from "@/db/queries/desk";
import type { listCardGoodwill } from "@/db/queries/goodwill";
import type { StaffSession } from "@/lib/auth/session";
import type { RealNameStatus } from "@/lib/domain/enums";
import { formatHkt } from "@/lib/domain/format";
import { formatMsisdn, maskDocument } from "@/lib/domain/identifiers";
import { may } from "@/lib/domain/permissions";
import { daysBetween } from "@/lib/domain/reports/range";
import { hkDay } from "@/lib/domain/time";

const tone: Record<RealNameStatus, BadgeTone> = {
  verified: "green",
  pending: "amber",
  failed: "red",
  not_required: "neutral",
};

/**
 * The card page's desk section (issue 12): goodwill, top-up, ledger and
 * corrections, contact logging, real-name per number with the countdown of a
 * pending registration, and the goodwill history. Kept in its own file so the
 * card page gains one line.
 */
export async function DeskPanel({
  card,
  numbers,
  goodwill,
  staff,
  now,
}: {
  card: { id: number; customerId: number };
  numbers: RealNameRow[];
  goodwill: Awaited<ReturnType<typeof listCardGoodwill>>;
  staff: StaffSession;
  now: Date;
}) {
  const t = await getTranslations("desk");
  const path = `/customers/${card.customerId}/cards/${card.id}`;
  const today = hkDay(now);

  return (
    <div className="mb-6 grid gap-6 lg:grid-cols-3">
      <Panel title={t("panel.title")}>
        <div className="flex flex-wrap gap-2">
          {may.topUpStoredValue(staff) ? (
            <Link href={`${path}/top-up`} className={buttonClass("secondary")}>
              {t("panel.topUp")}
            </Link>
          ) : null}
          {may.grantGoodwill(staff) ? (
            <Link href={`${path}/goodwill`} className={buttonClass("secondary")}>
              {t("panel.goodwill")}
            </Link>
          ) : null}
          <Link href={`${path}/stored-value`} className={buttonClass("secondary")}>
            {t("panel.storedValue")}
          </Link>
          {may.logContact(staff) ? (
            <Link
              href={`/customers/${card.customerId}?card=${card.id}#log-contact`}
              className={buttonClass("secondary")}
            >
              {t("panel.logContact")}
            </Link>
          ) : null}
        </div>
      </Panel>
      <Panel title={t("panel.realNameTitle")}>
        {numbers.length === 0 ? <p className="text-sm text-slate-600">{t("panel.noNumbers")}</p> : null}
        <ul className="space-y-3 text-sm">
          {numbers.map((n) => {
            const left = n.deadline ? daysBetween(today, hkDay(n.deadline)) : null;
            return (
              <li key={n.id} className="flex items-start justify-between gap-3">
                <div>
                  <p className="font-mono tabular-nums">{formatMsisdn(n.msisdn)}</p>
                  <p className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                    <Badge tone={tone[n.status]}>{t(`realName.status.${n.status}`)}</Badge>
                    {n.document ? (
                      <span>
                        {t(`realName.documents.${n.document}`)} {maskDocument(n.last4)}
                      </span>
                    ) : null}
                  </p>
                  {n.status === "pending" && n.deadline ? (
                    <p
                      className={
                        left !== null && left < 0 ? "text-xs font-medium text-red-700" : "text-xs text-amber-800"
                      }
                      data-testid={`real-name-countdown-${n.id}`}
                    >
                      {left !== null && left < 0 ? t("realName.overdue") : t("realName.countdown", { days: left ?? 0 })}{" "}
                      · {t("realName.deadlineOn", { date: formatHkt(n.deadline, { dateOnly: true }) })}
                    </p>
                  ) : null}
                </div>
                {may.editRealName(staff) ? (
                  <Link
                    href={`${path}/real-name/${n.id}`}
                    aria-label={t("panel.editNumber", { number: formatMsisdn(n.msisdn) })}
                    className="text-sm font-medium text-brand-700 hover:underline"
                  >
                    {t("panel.edit")}
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Panel>
      <Panel title={t("panel.goodwillHistory")}>
        {goodwill.length === 0 ? <p className="text-sm text-slate-600">{t("panel.noGoodwill")}</p> : null}
        <ul className="space-y-2 text-sm" aria-label={t("panel.goodwillHistory")}>
          {goodwill.map((g) => (
            <li key={g.id}>
              <p className="font-medium text-slate-900">
                {t("panel.goodwillLine", { days: g.days, reason: t(`goodwill.reasons.${g.reasonCode}`) })}
                {g.jobId ? (
                  <span className="font-normal text-slate-500"> · {t("panel.bulk", { id: g.jobId })}</span>
                ) : null}
              </p>
              <p className="text-xs text-slate-600">
                {t("panel.goodwillEnds", {
                  from: formatHkt(g.previousValidityEnd, { dateOnly: true }),
                  to: formatHkt(g.newValidityEnd, { dateOnly: true }),
                })}{" "}
                · {t("panel.byOn", { name: g.grantedByName })} · <HkTime value={g.createdAt} />
              </p>
              {g.reason !== g.reasonCode ? <p className="text-xs text-slate-500">{g.reason}</p> : null}
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
