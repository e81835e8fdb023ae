import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { HkTime } from "@/components/ui/hk-time";
import { Panel } from "@/components/ui/panel";
import { listCustomerTimeline, toTimelineCursor, type TimelineEntry } from "@/db/queries/timeline";
import type { Currency } from "@/lib/domain/enums";
import { formatHkt } from "@/lib/domain/format";
import { formatMoney } from "@/lib/domain/money";
import { decodeCursor, encodeCursor } from "@/lib/keyset";
import { ContactLogForm } from "./contact-log-form";

/**
 * The customer page's desk section: log a contact, and the timeline of
 * contacts, renewals, goodwill, stored-value changes and other audit entries,
 * newest first, keyset-paged by ?timeline=.
 */
export async function CustomerTimeline(props: {
  customerId: number;
  cards: { id: number; label: string }[];
  cardId?: number;
  after?: string;
  canLogContact: boolean;
}) {
  const page = await listCustomerTimeline({
    customerId: props.customerId,
    after: toTimelineCursor(decodeCursor(props.after)),
  });
  const t = await getTranslations("desk");
  const locale = await getLocale();
  const line = (entry: TimelineEntry) => {
    const d = entry.detail;
    switch (entry.kind) {
      case "contact":
        return [
          t("timeline.contact", {
            outcome: t(`contacts.outcomes.${d.outcome!}`),
            channel: d.channel ? t(`context.channels.${d.channel}`) : "—",
          }),
          d.callBackAt ? t("timeline.callBack", { time: formatHkt(new Date(d.callBackAt)) }) : null,
        ]
          .filter(Boolean)
          .join(" · ");
      case "renewal":
        return t("timeline.renewal", {
          id: entry.id,
          price: formatMoney(d.priceMinor ?? 0, (d.currency ?? "HKD") as Currency, locale),
          end: formatHkt(new Date(d.newValidityEnd!), { dateOnly: true }),
        });
      case "goodwill":
        return t("timeline.goodwill", {
          days: d.days ?? 0,
          end: formatHkt(new Date(d.newValidityEnd!), { dateOnly: true }),
        });
      case "stored_value":
        return t("timeline.storedValue", {
          reason: t(`storedValue.reasons.${(d.ledgerReason ?? "adjustment") as "adjustment"}`),
          delta: `${(d.deltaMinor ?? 0) > 0 ? "+" : "−"}${formatMoney(Math.abs(d.deltaMinor ?? 0), "HKD", locale)}`,
          balance: formatMoney(d.balanceAfterMinor ?? 0, "HKD", locale),
        });
      default:
        return d.action ?? "";
    }
  };
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      {props.canLogContact ? (
        <div id="log-contact">
          <Panel title={t("contacts.title")}>
            <ContactLogForm customerId={props.customerId} cards={props.cards} cardId={props.cardId} />
          </Panel>
        </div>
      ) : null}
      <section aria-labelledby="timeline" className={props.canLogContact ? "lg:col-span-2" : "lg:col-span-3"}>
        <h2 id="timeline" className="mb-3 text-sm font-semibold text-slate-800">
          {t("timeline.title")}
        </h2>
        {page.entries.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
            {t("timeline.empty")}
          </p>
        ) : (
          <ol
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            aria-label={t("timeline.title")}
          >
            {page.entries.map((entry) => (
              <li key={`${entry.kind}:${entry.id}`} className="flex gap-3 px-4 py-3 text-sm">
                <div className="w-36 shrink-0 text-xs text-slate-500">
                  <HkTime value={entry.at} />
                </div>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone={entry.kind === "contact" ? "blue" : entry.kind === "goodwill" ? "amber" : "neutral"}>
                      {t(`timeline.kinds.${entry.kind}`)}
                    </Badge>
                    <span className="font-medium text-slate-900">
                      {entry.kind === "renewal" ? (
                        <Link href={`/renewals/${entry.id}`} className="hover:underline">
                          {line(entry)}
                        </Link>
                      ) : (
                        line(entry)
                      )}
                    </span>
                  </p>
                  <p className="mt-0.5 text-xs text-slate-600">
                    {[
                      entry.staffName,
                      entry.cardId ? t("timeline.card", { id: entry.cardId }) : null,
                      entry.detail.ticketRef ? t("timeline.ticket", { ref: entry.detail.ticketRef }) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  {entry.detail.note || entry.detail.reason ? (
                    <p className="mt-0.5 whitespace-pre-line text-xs text-slate-700">
                      {entry.detail.reason ?? entry.detail.note}
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )}
        <div className="mt-3 flex gap-2">
          {props.after ? (
            <Link
              href={`/customers/${props.customerId}#timeline`}
              className={buttonClass("secondary", "px-3 py-1.5 text-xs")}
            >
              {t("timeline.newest")}
            </Link>
          ) : null}
          {page.next ? (
            <Link
              href={`/customers/${props.customerId}?timeline=${encodeCursor(page.next)}#timeline`}
              className={buttonClass("secondary", "px-3 py-1.5 text-xs")}
            >
              {t("timeline.older")}
            </Link>
          ) : null}
        </div>
      </section>
    </div>
  );
}
