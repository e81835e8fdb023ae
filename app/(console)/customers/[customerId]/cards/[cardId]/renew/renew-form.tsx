"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { SelectField } from "@/components/ui/select";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { formatMoney, type Currency } from "@/lib/domain/money";
import {
  currencies,
  languages,
  methodsNeedingReference,
  paymentMethods,
  type Language,
  type PaymentMethod,
} from "@/lib/domain/enums";
import { ContactContextFields, contactContextFrom } from "@/components/forms/contact-context-fields";
import { previewRenewalAction, renewCardAction, type RenewalPreview } from "./actions";
import { ReviewPanel } from "./review-panel";

export interface PlanOption {
  planVersionId: number;
  name: string;
  days: number;
  dataCn: string;
  dataHk: string;
  priceHkdMinor: number;
  priceCnyMinor: number;
  countsFromToday: boolean;
}

/**
 * The agent's renewal form: plan, SMS, payment, then a server-computed review
 * and a confirm that carries one idempotency key, so a double click, a retry
 * or a second tab renews once. Any change after the review asks for a new one.
 */
export function RenewForm(props: {
  cardId: number;
  idempotencyKey: string;
  /** "Same plan" was asked for, but the card's last plan is no longer sold. */
  samePlanMissing?: boolean;
  storedValueHkdMinor: number;
  defaultLanguage: Language;
  /** The card's current plan, preselected when it is still on sale. */
  defaultPlanVersionId: number | null;
  /** Where the last confirmation SMS went, when that number is still on the card. */
  defaultSmsMsisdn: string | null;
  /** "Renew the same plan": everything else is chosen, so start at the payment reference. */
  focusPayment?: boolean;
  numbers: string[];
  plans: PlanOption[];
  /** The rest of the worklist this renewal was started from, for "next in the worklist". */
  queue?: string;
}) {
  const t = useTranslations("renewals");
  const locale = useLocale();
  const [planVersionId, setPlanVersionId] = useState<number | null>(
    props.defaultPlanVersionId ?? (props.plans.length === 1 ? props.plans[0]!.planVersionId : null),
  );
  const [smsMsisdn, setSmsMsisdn] = useState(
    props.defaultSmsMsisdn ?? props.numbers.find((n) => n.startsWith("+852")) ?? props.numbers[0] ?? "",
  );
  const [smsLanguage, setSmsLanguage] = useState<Language>(props.defaultLanguage);
  const [method, setMethod] = useState<PaymentMethod>("wechat_pay");
  const [currency, setCurrency] = useState<Currency>("HKD");
  const [reference, setReference] = useState("");
  const [preview, setPreview] = useState<RenewalPreview | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [error, setError] = useState<{ message: string; fieldErrors?: Record<string, string> } | null>(null);
  const [reviewing, startReview] = useTransition();
  const [confirming, startConfirm] = useTransition();
  const submitted = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const referenceInput = useRef<HTMLInputElement>(null);
  const focusPayment = props.focusPayment ?? false;
  useEffect(() => {
    if (focusPayment) referenceInput.current?.focus();
  }, [focusPayment]);

  const plan = props.plans.find((p) => p.planVersionId === planVersionId) ?? null;
  const needsReference = methodsNeedingReference.includes(method);
  const amount = plan ? (currency === "HKD" ? plan.priceHkdMinor : plan.priceCnyMinor) : null;
  const request = {
    cardId: props.cardId,
    planVersionId: planVersionId ?? 0,
    method,
    currency,
    reference: needsReference ? reference : "",
    smsMsisdn,
    smsLanguage,
  };

  // Every edit invalidates the review: what is confirmed is exactly what was read to the customer.
  function edit<T>(setter: (value: T) => void) {
    return (value: T) => {
      setter(value);
      setPreview(null);
      setAcknowledged(false);
      setError(null);
    };
  }

  async function runReview(keep?: { message: string; fieldErrors?: Record<string, string> }) {
    const result = await previewRenewalAction(request);
    setAcknowledged(false);
    if (result.ok) {
      setPreview(result.data);
      setError(keep ?? null);
    } else {
      setPreview(null);
      setError({ message: result.message, fieldErrors: result.fieldErrors });
    }
  }

  function review(event: React.FormEvent) {
    event.preventDefault();
    startReview(() => runReview());
  }

  function confirm() {
    if (submitted.current) return;
    submitted.current = true;
    startConfirm(async () => {
      const context = contactContextFrom(formRef.current);
      // A renewal redirects to its receipt (the pending state lasts until it is shown); only a refusal returns.
      const result = await renewCardAction({
        ...request,
        ...context,
        acknowledgeRecentRenewal: acknowledged,
        idempotencyKey: props.idempotencyKey,
        queue: props.queue,
      });
      if (result.ok) return;
      if (result.fieldErrors?.acknowledgeRecentRenewal) {
        // Another tab or agent renewed this card since the review: review again, naming it.
        submitted.current = false;
        await runReview({ message: result.message, fieldErrors: result.fieldErrors });
      } else {
        submitted.current = false;
        setPreview(null);
        setError({ message: result.message, fieldErrors: result.fieldErrors });
      }
    });
  }

  const fieldError = (name: string) => error?.fieldErrors?.[name];

  return (
    <form ref={formRef} onSubmit={review} className="space-y-6" noValidate>
      {props.samePlanMissing ? <Notice tone="warning">{t("samePlanMissing")}</Notice> : null}
      <Panel title={t("stepPlan")}>
        <fieldset aria-describedby={fieldError("planVersionId") ? "plan-error" : undefined}>
          <legend className="sr-only">{t("stepPlan")}</legend>
          <div className="grid gap-2 md:grid-cols-2">
            {props.plans.map((option) => {
              const checked = option.planVersionId === planVersionId;
              return (
                <label
                  key={option.planVersionId}
                  className={cn(
                    "flex cursor-pointer gap-3 rounded-md border p-3 text-sm focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-600",
                    checked ? "border-brand-600 bg-brand-50" : "border-slate-200 hover:border-slate-300",
                  )}
                >
                  <input
                    type="radio"
                    name="planVersionId"
                    value={option.planVersionId}
                    checked={checked}
                    onChange={() => edit(setPlanVersionId)(option.planVersionId)}
                    data-invalid={fieldError("planVersionId") ? true : undefined}
                    className="mt-1"
                  />
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium text-slate-900">{option.name}</span>
                    <span className="block text-slate-600">
                      {t("days", { days: option.days })} · {t("mainland")} {option.dataCn} · {t("hongKong")}{" "}
                      {option.dataHk}
                    </span>
                    {option.countsFromToday ? (
                      <span className="mt-0.5 block text-xs text-amber-800">{t("countsFromToday")}</span>
                    ) : null}
                  </span>
                  <span className="text-right tabular-nums">
                    <span className="block font-semibold">{formatMoney(option.priceHkdMinor, "HKD", locale)}</span>
                    <span className="block text-xs text-slate-600">
                      {formatMoney(option.priceCnyMinor, "CNY", locale)}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
          {fieldError("planVersionId") ? (
            <p id="plan-error" className="mt-2 text-sm text-red-600">
              {fieldError("planVersionId")}
            </p>
          ) : null}
        </fieldset>
      </Panel>

      <Panel title={t("stepDetails")}>
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            label={t("smsNumber")}
            name="smsMsisdn"
            value={smsMsisdn}
            onChange={(e) => edit(setSmsMsisdn)(e.target.value)}
            error={fieldError("smsMsisdn")}
            options={props.numbers.map((n) => ({ value: n, label: formatMsisdn(n) }))}
          />
          <SelectField
            label={t("smsLanguage")}
            name="smsLanguage"
            value={smsLanguage}
            onChange={(e) => edit(setSmsLanguage)(e.target.value as Language)}
            error={fieldError("smsLanguage")}
            options={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          />
        </div>
      </Panel>

      <Panel title={t("stepPayment")}>
        <div className="space-y-4">
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">{t("method")}</legend>
            <div className="flex flex-wrap gap-2">
              {paymentMethods.map((m) => (
                <label
                  key={m}
                  className={cn(
                    "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-600",
                    method === m ? "border-brand-600 bg-brand-50" : "border-slate-200",
                  )}
                >
                  <input
                    type="radio"
                    name="method"
                    value={m}
                    checked={method === m}
                    onChange={() => {
                      edit(setMethod)(m);
                      if (m === "stored_value") setCurrency("HKD");
                    }}
                  />
                  {t(`methods.${m}`)}
                </label>
              ))}
            </div>
            {method === "stored_value" ? (
              <p className="mt-1 text-xs text-slate-600">
                {t("storedValueBalance", { balance: formatMoney(props.storedValueHkdMinor, "HKD", locale) })}
              </p>
            ) : null}
          </fieldset>

          <div className="grid gap-4 md:grid-cols-3">
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-700">{t("currency")}</legend>
              <div className="flex gap-2">
                {currencies.map((c) => (
                  <label
                    key={c}
                    className={cn(
                      "flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm",
                      currency === c ? "border-brand-600 bg-brand-50" : "border-slate-200",
                      method === "stored_value" && c === "CNY" && "opacity-50",
                    )}
                  >
                    <input
                      type="radio"
                      name="currency"
                      value={c}
                      checked={currency === c}
                      disabled={method === "stored_value" && c === "CNY"}
                      onChange={() => edit(setCurrency)(c)}
                    />
                    {c}
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <p className="mb-1 text-sm font-medium text-slate-700" id="amount-label">
                {t("amountToCollect")}
              </p>
              <output
                aria-labelledby="amount-label"
                className="block text-xl font-semibold tabular-nums"
                data-testid="amount"
              >
                {amount === null ? "—" : formatMoney(amount, currency, locale)}
              </output>
              <p className="text-xs text-slate-500">{t("amountHint")}</p>
            </div>
            {needsReference ? (
              <div className="space-y-1">
                <label htmlFor="reference" className="block text-sm font-medium text-slate-700">
                  {t("reference")}
                </label>
                <input
                  ref={referenceInput}
                  id="reference"
                  name="reference"
                  value={reference}
                  onChange={(e) => edit(setReference)(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={64}
                  aria-invalid={fieldError("reference") ? true : undefined}
                  aria-describedby={fieldError("reference") ? "reference-error reference-hint" : "reference-hint"}
                  className={cn(inputClass, "font-mono")}
                />
                <p id="reference-hint" className="text-xs text-slate-500">
                  {t("referenceHint")}
                </p>
                {fieldError("reference") ? (
                  <p id="reference-error" className="text-sm text-red-600">
                    {fieldError("reference")}
                  </p>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      </Panel>

      <ContactContextFields errors={error?.fieldErrors} />

      {error ? <Notice tone="error">{error.message}</Notice> : null}

      {!preview ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={reviewing}>
            {reviewing ? t("reviewing") : t("review")}
          </Button>
        </div>
      ) : (
        <ReviewPanel
          preview={preview}
          planName={plan?.name ?? ""}
          method={method}
          reference={needsReference ? reference : ""}
          smsMsisdn={smsMsisdn}
          smsLanguage={smsLanguage}
          locale={locale}
          acknowledged={acknowledged}
          onAcknowledge={setAcknowledged}
          confirming={confirming}
          onConfirm={confirm}
          acknowledgeError={fieldError("acknowledgeRecentRenewal")}
        />
      )}
    </form>
  );
}
