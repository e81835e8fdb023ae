"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { contactOutcomes, type ContactOutcome } from "@/lib/domain/enums";
import { inputClass } from "@/components/ui/field";
import { logContactAction } from "../../customers/[customerId]/contact-actions";

/** One keystroke per outcome on a focused worklist row. */
export const outcomeKeys: Record<string, ContactOutcome> = {
  r: "reached",
  n: "no_answer",
  c: "call_back",
  p: "promised_to_renew",
  d: "declined",
  w: "wrong_number",
};

export interface CallTarget {
  customerId: number;
  cardId: number;
  name: string;
}

/**
 * Logging a call outcome from the worklist: every outcome but "call back"
 * is saved at once; "call back" asks for the time first. The page is then
 * re-read, so a row with a later call-back leaves the list until that time.
 */
export function useCallLog() {
  const t = useTranslations("desk");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [callBackFor, setCallBackFor] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function log(target: CallTarget, outcome: ContactOutcome, callBackAt?: string) {
    if (outcome === "call_back" && !callBackAt) {
      setCallBackFor(target.cardId);
      return;
    }
    const form = new FormData();
    form.set("customerId", String(target.customerId));
    form.set("cardId", String(target.cardId));
    form.set("channel", "phone");
    form.set("outcome", outcome);
    if (callBackAt) form.set("callBackAt", callBackAt);
    startTransition(async () => {
      const result = await logContactAction(null, form);
      if (result.ok) {
        setCallBackFor(null);
        setMessage({
          ok: true,
          text: t("worklist.logged", { outcome: t(`contacts.outcomes.${outcome}`), name: target.name }),
        });
        router.refresh();
      } else {
        setMessage({ ok: false, text: result.fieldErrors?.callBackAt ?? result.message });
      }
    });
  }

  return { log, pending, callBackFor, setCallBackFor, message };
}

export function CallOutcomeCell({ target, call }: { target: CallTarget; call: ReturnType<typeof useCallLog> }) {
  const t = useTranslations("desk");
  const [when, setWhen] = useState("");
  if (call.callBackFor === target.cardId) {
    return (
      <div className="flex items-center gap-1">
        <label className="sr-only" htmlFor={`call-back-${target.cardId}`}>
          {t("worklist.callBackPrompt")}
        </label>
        <input
          id={`call-back-${target.cardId}`}
          type="datetime-local"
          autoFocus
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === "Enter" && when) call.log(target, "call_back", when);
            if (e.key === "Escape") call.setCallBackFor(null);
          }}
          className={`${inputClass} w-48 py-1 text-xs`}
        />
        <button
          type="button"
          disabled={!when || call.pending}
          onClick={() => call.log(target, "call_back", when)}
          className="rounded border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50"
        >
          {t("worklist.save")}
        </button>
      </div>
    );
  }
  return (
    <select
      aria-label={t("worklist.logFor", { name: target.name })}
      value=""
      disabled={call.pending}
      onKeyDown={(e) => e.stopPropagation()}
      onChange={(e) => e.target.value && call.log(target, e.target.value as ContactOutcome)}
      className={`${inputClass} w-40 py-1 text-xs`}
    >
      <option value="">{t("worklist.outcome")}</option>
      {contactOutcomes.map((o) => (
        <option key={o} value={o}>
          {`${Object.entries(outcomeKeys)
            .find(([, v]) => v === o)![0]
            .toUpperCase()} · ${t(`contacts.outcomes.${o}`)}`}
        </option>
      ))}
    </select>
  );
}
