import { useLocale, useTranslations } from "next-intl";
import { HkTime } from "@/components/ui/hk-time";
import type { AuditEvent } from "@/db/queries/cards";
import { auditDetails } from "@/lib/audit-details";
import { withRuntimeKeys } from "@/lib/i18n/runtime-key";

/** Who did what to the card, its renewals and its messages, newest first. */
export function AuditTrail({ events }: { events: AuditEvent[] }) {
  const t = useTranslations("cards.audit");
  const tRuntime = withRuntimeKeys(t);
  const locale = useLocale();
  // Enum values in the record (a payment method, a rule, a status) are read through the catalog when it has them.
  const translateValue = (key: string, value: string) =>
    tRuntime.has(`values.${key}.${value}`) ? tRuntime(`values.${key}.${value}`) : null;
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="space-y-3 border-l border-slate-200 pl-4">
      {events.map((event) => {
        const label = tRuntime.has(`actions.${event.action}`) ? tRuntime(`actions.${event.action}`) : event.action;
        const entity = tRuntime.has(`entity.${event.entityType}`)
          ? tRuntime(`entity.${event.entityType}`, { id: event.entityId })
          : `${event.entityType} ${event.entityId}`;
        const details = auditDetails(event.after, locale, translateValue);
        return (
          <li key={event.id} className="relative text-sm">
            <span aria-hidden className="absolute -left-[21px] top-1.5 h-2 w-2 rounded-full bg-slate-400" />
            <p>
              <span className="font-medium text-slate-900">{label}</span>
              <span className="text-slate-500"> · {entity}</span>
            </p>
            <p className="text-xs text-slate-600">
              <HkTime value={event.createdAt} /> · {event.actorName ?? t("system")}
            </p>
            {details.length ? (
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
                {details.map((d) => (
                  <div key={d.key} className="contents">
                    <dt className="text-slate-600">
                      {tRuntime.has(`fields.${d.key}`) ? tRuntime(`fields.${d.key}`) : d.key}
                    </dt>
                    <dd className="break-words text-slate-800">{d.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
