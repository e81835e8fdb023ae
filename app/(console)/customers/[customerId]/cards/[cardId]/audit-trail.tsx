import { useTranslations } from "next-intl";
import { HkTime } from "@/components/ui/hk-time";
import type { AuditEvent } from "@/db/queries/cards";
import { withRuntimeKeys } from "@/lib/i18n/runtime-key";

/** "validityEnd: 2026-12-24T15:59:59.000Z · storedValueHkdMinor: 0" from an audit row's before/after. */
function summarize(value: unknown): string | null {
  if (!value || typeof value !== "object") return null;
  const text = Object.entries(value as Record<string, unknown>)
    .map(([key, field]) => `${key}: ${typeof field === "string" ? field : JSON.stringify(field)}`)
    .join(" · ");
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

/** Who did what to the card, its renewals and its messages, newest first. */
export function AuditTrail({ events }: { events: AuditEvent[] }) {
  const t = useTranslations("cards.audit");
  const tRuntime = withRuntimeKeys(t);
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="space-y-3 border-l border-slate-200 pl-4">
      {events.map((event) => {
        const label = tRuntime.has(`actions.${event.action}`) ? tRuntime(`actions.${event.action}`) : event.action;
        const entity = tRuntime.has(`entity.${event.entityType}`)
          ? tRuntime(`entity.${event.entityType}`, { id: event.entityId })
          : `${event.entityType} ${event.entityId}`;
        const details = summarize(event.after);
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
            {details ? <p className="mt-0.5 break-all font-mono text-xs text-slate-500">{details}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
