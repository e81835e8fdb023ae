import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import type { listCardNotifications } from "@/db/queries/cards";
import { formatMsisdn } from "@/lib/domain/identifiers";

type Message = Awaited<ReturnType<typeof listCardNotifications>>["items"][number];

const statusTone: Record<Message["status"], BadgeTone> = { pending: "amber", sent: "green", failed: "red" };

/** SMS queued or sent for the card, newest first, with their text as the customer got it. */
export function CardMessages({ messages }: { messages: Message[] }) {
  const t = useTranslations("cards.notifications");
  if (messages.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {messages.map((message) => (
        <li key={message.id} className="py-3 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span className="font-medium text-slate-900">{t(`kind.${message.kind}`)}</span>
            <Badge tone={statusTone[message.status]}>{t(`status.${message.status}`)}</Badge>
          </div>
          <p className="mt-0.5 text-xs text-slate-600">
            <HkTime value={message.createdAt} /> ·{" "}
            <span className="tabular-nums">{formatMsisdn(message.toMsisdn)}</span>
          </p>
          <p className="mt-1 text-sm text-slate-700">{message.body}</p>
        </li>
      ))}
    </ol>
  );
}
