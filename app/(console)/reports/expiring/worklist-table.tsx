"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { CardStateBadge } from "@/components/cards/card-state-badge";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { HkTime } from "@/components/ui/hk-time";
import type { ReminderResult } from "@/db/mutations/send-expiry-reminders";
import type { ActionResult } from "@/lib/action";
import { cn } from "@/components/ui/cn";
import { CallOutcomeCell, outcomeKeys, useCallLog } from "./call-outcome";

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
  /** The desk's latest logged call, shown when it is newer than the latest message. */
  lastCall: { at: Date; outcome: string; by: string | null } | null;
  /** A call-back whose time has come. */
  callBackDue: Date | null;
  /** The worklist rows after this one, for "next in the worklist" after a renewal. */
  queue: string;
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
  canGrantGoodwill = false,
}: {
  items: WorklistItem[];
  action: (previous: ActionResult<ReminderResult> | null, formData: FormData) => Promise<ActionResult<ReminderResult>>;
  sortHeader: React.ReactNode;
  caption: string;
  canGrantGoodwill?: boolean;
}) {
  const t = useTranslations("reports.worklist");
  const common = useTranslations("common");
  const desk = useTranslations("desk");
  const call = useCallLog();
  const toast = useToast();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [asking, setAsking] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const [state, formAction] = useActionState(
    async (previous: ActionResult<ReminderResult> | null, formData: FormData) => {
      const result = await action(previous, formData);
      if (result.ok) {
        setSelected(new Set());
        if (result.message) toast(result.message);
      }
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
    <form ref={form} action={formAction} className="space-y-3">
      <input type="hidden" name="cardIds" value={[...selected].join(",")} />
      {/* The bulk bar stays in view while the agent works down a long list. */}
      <div className="sticky top-0 z-10 -mx-1 space-y-2 border-b border-slate-200 bg-white/95 px-1 py-2 backdrop-blur">
        <div className="flex flex-wrap items-center gap-3">
          <AskFirstButton
            label={t("send")}
            pendingLabel={t("sending")}
            disabled={selected.size === 0}
            onClick={() => setAsking(true)}
          />
          <ConfirmDialog
            open={asking}
            title={t("confirmTitle", { count: selected.size })}
            confirmLabel={t("confirmSend", { count: selected.size })}
            cancelLabel={common("cancel")}
            variant="primary"
            onCancel={() => setAsking(false)}
            onConfirm={() => {
              setAsking(false);
              form.current?.requestSubmit();
            }}
          >
            <p>{t("confirmBody", { count: selected.size })}</p>
            <p>{t("sendHint")}</p>
          </ConfirmDialog>
          {canGrantGoodwill ? (
            <Link
              href={selected.size ? `/goodwill?cardIds=${[...selected].join(",")}` : "/goodwill"}
              className={buttonClass("secondary")}
            >
              {desk("worklist.goodwill")}
            </Link>
          ) : null}
          <p className="text-sm text-slate-600" aria-live="polite">
            {t("selected", { count: selected.size })}
          </p>
        </div>
        <p className="text-xs text-slate-500">
          {t("sendHint")} {desk("worklist.keysHint")}
        </p>
        {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
        {call.message ? <Notice tone={call.message.ok ? "success" : "error"}>{call.message.text}</Notice> : null}
      </div>
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
            <Th>{desk("worklist.outcome")}</Th>
            <Th>
              <span className="sr-only">{t("columns.action")}</span>
            </Th>
          </tr>
        </thead>
        <TBody>
          {items.map((item) => (
            <tr
              key={item.cardId}
              tabIndex={0}
              aria-label={desk("worklist.logFor", { name: item.name })}
              onKeyDown={(event) => {
                if (event.target !== event.currentTarget || event.metaKey || event.ctrlKey || event.altKey) return;
                const outcome = outcomeKeys[event.key.toLowerCase()];
                if (!outcome) return;
                event.preventDefault();
                call.log({ customerId: item.customerId, cardId: item.cardId, name: item.name }, outcome);
              }}
              className={cn(
                "focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-600",
                selected.has(item.cardId) ? "bg-brand-50" : undefined,
              )}
            >
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
                {item.callBackDue ? (
                  <p className="mb-1 font-medium text-amber-800">
                    {desk("worklist.callBackDue")} <HkTime value={item.callBackDue} />
                  </p>
                ) : null}
                {item.lastCall && (!item.lastContact || item.lastCall.at > item.lastContact.at) ? (
                  <>
                    <HkTime value={item.lastCall.at} />
                    <p className="text-slate-600">
                      {desk(`contacts.outcomes.${item.lastCall.outcome as "reached"}`)}
                      {item.lastCall.by ? ` · ${item.lastCall.by}` : null}
                    </p>
                  </>
                ) : item.lastContact ? (
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
              <Td>
                <CallOutcomeCell
                  target={{ customerId: item.customerId, cardId: item.cardId, name: item.name }}
                  call={call}
                />
              </Td>
              <Td className="text-right">
                <Link
                  href={`/customers/${item.customerId}/cards/${item.cardId}/renew${item.queue ? `?queue=${item.queue}` : ""}`}
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

/** Opens the confirmation; the dialog's confirm submits. Disabled while the reminders are being queued. */
function AskFirstButton({
  label,
  pendingLabel,
  disabled,
  onClick,
}: {
  label: string;
  pendingLabel: string;
  disabled: boolean;
  onClick: () => void;
}) {
  const { pending } = useFormStatus();
  return (
    <Button onClick={onClick} disabled={pending || disabled} aria-disabled={pending || disabled}>
      {pending ? pendingLabel : label}
    </Button>
  );
}
