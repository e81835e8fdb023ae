import { formatHkt } from "@/lib/domain/format";

import type { Currency, Language, PaymentMethod } from "./enums";
import { formatMoney } from "./money";
import { localizedName, type PlanNames } from "./plan-names";
import { receiptNumber } from "./receipt-number";

/** Customer-facing SMS texts in the customer's language; short enough for one or two segments. */
export type NotificationContent =
  | {
      kind: "renewal_confirmation";
      planName: PlanNames;
      validityEnd: Date;
      startsAt: Date;
      queued: boolean;
      amountMinor: number;
      currency: Currency;
      renewalId: number;
    }
  | {
      kind: "renewal_voided";
      validityEnd: Date;
      amountMinor: number;
      currency: Currency;
      refundMethod: PaymentMethod;
    }
  | { kind: "expiry_reminder"; validityEnd: Date; inGrace: boolean }
  | { kind: "goodwill_extension"; days: number; validityEnd: Date }
  | { kind: "stored_value_top_up"; amount: string; balance: string };

const day = (instant: Date) => formatHkt(instant, { dateOnly: true });
const money = (minor: number, currency: Currency) => formatMoney(minor, currency);

/** How the refund went back, named in the customer's language. */
const methodNames: Record<Language, Record<PaymentMethod, string>> = {
  en: {
    wechat_pay: "WeChat Pay",
    alipay: "Alipay",
    fps: "FPS",
    bank_transfer: "bank transfer",
    cash: "cash",
    stored_value: "your card's stored value",
  },
  "zh-Hans": {
    wechat_pay: "微信支付",
    alipay: "支付宝",
    fps: "转数快",
    bank_transfer: "银行转账",
    cash: "现金",
    stored_value: "卡内储值",
  },
  "zh-Hant": {
    wechat_pay: "微信支付",
    alipay: "支付寶",
    fps: "轉數快",
    bank_transfer: "銀行轉賬",
    cash: "現金",
    stored_value: "卡內儲值",
  },
};

type Templates = { [K in NotificationContent["kind"]]: (message: Extract<NotificationContent, { kind: K }>) => string };

const templates: Record<Language, Templates> = {
  en: {
    renewal_confirmation: (m) =>
      m.queued
        ? `中港通: ${m.planName.en} is paid (${money(m.amountMinor, m.currency)}, receipt ${receiptNumber(m.renewalId)}) and starts ${day(m.startsAt)}. Your card is valid until ${day(m.validityEnd)} 23:59 HKT.`
        : `中港通: ${m.planName.en} is active (${money(m.amountMinor, m.currency)}, receipt ${receiptNumber(m.renewalId)}). Your card is valid until ${day(m.validityEnd)} 23:59 HKT.`,
    renewal_voided: (m) =>
      `中港通: your renewal was cancelled and ${money(m.amountMinor, m.currency)} refunded by ${methodNames.en[m.refundMethod]}. Your card is valid until ${day(m.validityEnd)} 23:59 HKT.`,
    expiry_reminder: (m) =>
      m.inGrace
        ? `中港通: your card expired on ${day(m.validityEnd)}. Renew now to restore service and keep your number.`
        : `中港通: your card expires on ${day(m.validityEnd)} 23:59 HKT. Renew in time to keep your number and data.`,
    goodwill_extension: (m) =>
      `中港通: we have added ${m.days} day${m.days === 1 ? "" : "s"} to your card, free of charge. It is now valid until ${day(m.validityEnd)} 23:59 HKT.`,
    stored_value_top_up: (m) => `中港通: ${m.amount} was added to your card's stored value. Balance: ${m.balance}.`,
  },
  "zh-Hans": {
    renewal_confirmation: (m) =>
      m.queued
        ? `中港通：${m.planName.zh}已付款${money(m.amountMinor, m.currency)}（收据${receiptNumber(m.renewalId)}），将于${day(m.startsAt)}开始；卡有效期至${day(m.validityEnd)} 23:59（香港时间）。`
        : `中港通：${m.planName.zh}已开通，已付款${money(m.amountMinor, m.currency)}（收据${receiptNumber(m.renewalId)}），卡有效期至${day(m.validityEnd)} 23:59（香港时间）。`,
    renewal_voided: (m) =>
      `中港通：您的续费已取消，${money(m.amountMinor, m.currency)}已通过${methodNames["zh-Hans"][m.refundMethod]}退还，卡有效期至${day(m.validityEnd)} 23:59（香港时间）。`,
    expiry_reminder: (m) =>
      m.inGrace
        ? `中港通：您的卡已于${day(m.validityEnd)}过期，请尽快续费以恢复服务并保留号码。`
        : `中港通：您的卡将于${day(m.validityEnd)} 23:59（香港时间）到期，请及时续费以保留号码和数据。`,
    goodwill_extension: (m) =>
      `中港通：我们已免费为您的卡延长${m.days}天，现有效期至${day(m.validityEnd)} 23:59（香港时间）。`,
    stored_value_top_up: (m) => `中港通：您的卡已充值${m.amount}，储值余额${m.balance}。`,
  },
  "zh-Hant": {
    renewal_confirmation: (m) =>
      m.queued
        ? `中港通：${localizedName("zh-Hant", m.planName)}已付款${money(m.amountMinor, m.currency)}（收據${receiptNumber(m.renewalId)}），將於${day(m.startsAt)}開始；卡有效期至${day(m.validityEnd)} 23:59（香港時間）。`
        : `中港通：${localizedName("zh-Hant", m.planName)}已開通，已付款${money(m.amountMinor, m.currency)}（收據${receiptNumber(m.renewalId)}），卡有效期至${day(m.validityEnd)} 23:59（香港時間）。`,
    renewal_voided: (m) =>
      `中港通：您的續費已取消，${money(m.amountMinor, m.currency)}已經由${methodNames["zh-Hant"][m.refundMethod]}退還，卡有效期至${day(m.validityEnd)} 23:59（香港時間）。`,
    expiry_reminder: (m) =>
      m.inGrace
        ? `中港通：您的卡已於${day(m.validityEnd)}過期，請盡快續費以恢復服務並保留號碼。`
        : `中港通：您的卡將於${day(m.validityEnd)} 23:59（香港時間）到期，請及時續費以保留號碼和數據。`,
    goodwill_extension: (m) =>
      `中港通：我們已免費為您的卡延長${m.days}天，現有效期至${day(m.validityEnd)} 23:59（香港時間）。`,
    stored_value_top_up: (m) => `中港通：您的卡已增值${m.amount}，儲值餘額${m.balance}。`,
  },
};

export function renderNotificationText(message: NotificationContent, language: Language): string {
  const template = templates[language][message.kind] as (m: NotificationContent) => string;
  return template(message);
}
