"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { CardStateBadge } from "@/components/cards/card-state-badge";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { HkTime } from "@/components/ui/hk-time";
import type { ReminderResult } from "@/db/mutations/send-expiry-reminders";
import type { ActionResult } from "@/lib/action";

export interface WorklistItem {
  cardId: number;
  customerId: number;
  name: string;
  otherName: string | null;
  numbers: string[];
  plan: string | null;
  validityEnd: Date;
  state: "active" | "grace";
  notActiveYet: boolean;
  /** Hong Kong calendar days from today to the validity end; negative once it has passed. */
  daysFromToday: number;
  /** Hong Kong calendar days until the grace window closes (cards in grace only). */
  graceDaysLeft: number;
  lastContact: { at: Date; kind: string; status: string } | null;
}

/**
 * The worklist rows with a checkbox each, and the bulk "send reminder SMS"
 * form. Selection is client state sent as one field; the server decides who
 * is actually due a reminder.
 */
export function WorklistTable({
  items,
  action,
  sortHeader,
  caption,
}: {
  items: WorklistItem[];
  action: (previous: ActionResult<ReminderResult> | null, formData: FormData) => Promise<ActionResult<ReminderResult>>;
  sortHeader: React.ReactNode;
  caption: string;
}) {
  const t = useTranslations("reports.worklist");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [state, formAction] = useActionState(
    async (previous: ActionResult<ReminderResult> | null, formData: FormData) => {
      const result = await action(previous, formData);
      if (result.ok) setSelected(new Set());
      return result;
    },
    null,
  );
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.cardId));
  const toggle = (cardId: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(cardId);
      else next.delete(cardId);
      return next;
    });

  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="cardIds" value={[...selected].join(",")} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={t("sending")} disabled={selected.size === 0}>
          {t("send")}
        </SubmitButton>
        <p className="text-sm text-slate-600" aria-live="polite">
          {t("selected", { count: selected.size })}
        </p>
      </div>
      <p className="text-xs text-slate-500">{t("sendHint")}</p>
      {state ? <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice> : null}
      <Table caption={caption}>
        <thead>
          <tr>
            <Th className="w-10">
              <input
                type="checkbox"
                aria-label={t("selectAll")}
                checked={allSelected}
                onChange={(event) =>
                  setSelected(event.target.checked ? new Set(items.map((item) => item.cardId)) : new Set())
                }
                className="size-4 rounded border-slate-300"
              />
            </Th>
            <Th>{t("columns.customer")}</Th>
            <Th>{t("columns.numbers")}</Th>
            <Th>{t("columns.plan")}</Th>
            {sortHeader}
            <Th>{t("columns.lastContact")}</Th>
            <Th>
              <span className="sr-only">{t("columns.action")}</span>
            </Th>
          </tr>
        </thead>
        <TBody>
          {items.map((item) => (
            <tr key={item.cardId} className={selected.has(item.cardId) ? "bg-brand-50" : undefined}>
              <Td>
                <input
                  type="checkbox"
                  aria-label={t("selectCard", { card: `${item.name} ${item.numbers[0] ?? ""}`.trim() })}
                  checked={selected.has(item.cardId)}
                  onChange={(event) => toggle(item.cardId, event.target.checked)}
                  className="size-4 rounded border-slate-300"
                />
              </Td>
              <Td>
                <Link
                  href={`/customers/${item.customerId}/cards/${item.cardId}`}
                  prefetch={false}
                  className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {item.name}
                </Link>
                {item.otherName ? <p className="text-xs text-slate-500">{item.otherName}</p> : null}
              </Td>
              <Td className="whitespace-nowrap font-mono text-xs">
                {item.numbers.map((number) => (
                  <p key={number}>{number}</p>
                ))}
              </Td>
              <Td>{item.plan ?? <span className="text-slate-500">{t("noPlan")}</span>}</Td>
              <Td className="whitespace-nowrap">
                <HkTime value={item.validityEnd} />
                <p className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-600">
                  <CardStateBadge state={item.state} notActiveYet={item.notActiveYet} />
                  {item.state === "grace"
                    ? t("daysAgo", { days: -item.daysFromToday, graceLeft: item.graceDaysLeft })
                    : t("daysLeft", { days: item.daysFromToday })}
                </p>
              </Td>
              <Td className="text-xs">
                {item.lastContact ? (
                  <>
                    <HkTime value={item.lastContact.at} />
                    <p className="text-slate-600">
                      {t(`contactKinds.${item.lastContact.kind}` as "contactKinds.resend")} ·{" "}
                      {t(`contactStatus.${item.lastContact.status}` as "contactStatus.sent")}
                    </p>
                  </>
                ) : (
                  <span className="text-slate-500">{t("never")}</span>
                )}
              </Td>
              <Td className="text-right">
                <Link
                  href={`/customers/${item.customerId}/cards/${item.cardId}/renew`}
                  prefetch={false}
                  aria-label={t("renewCard", { card: item.numbers[0] ?? String(item.cardId), name: item.name })}
                  className={buttonClass("secondary", "py-1.5")}
                >
                  {t("renew")}
                </Link>
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </form>
  );
}
