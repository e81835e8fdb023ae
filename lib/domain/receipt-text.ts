import type { Currency, Language, PaymentMethod } from "./enums";
import { formatHkt } from "./format";
import { formatMoney } from "./money";
import { localizedName, type PlanNames } from "./plan-names";
import { receiptNumber } from "./receipt-number";

/** The company the customer paid, as printed at the top of their receipt. */
export const COMPANY = {
  en: { name: "China–Hong Kong Mobile (中港通)", line: "Prepaid SIM renewals · support hotline +852 2100 0000" },
  "zh-Hant": { name: "中港通流動服務", line: "預付 SIM 卡續費 · 客戶服務熱線 +852 2100 0000" },
  "zh-Hans": { name: "中港通移动服务", line: "预付 SIM 卡续费 · 客户服务热线 +852 2100 0000" },
} as const satisfies Record<Language, { name: string; line: string }>;

export interface CustomerReceipt {
  renewalId: number;
  createdAt: Date;
  planName: PlanNames;
  amountMinor: number;
  currency: Currency;
  method: PaymentMethod;
  reference: string | null;
  iccid: string;
  msisdn: string | null;
  validityEnd: Date;
  status: "paid" | "activated" | "voided";
}

const methods: Record<Language, Record<PaymentMethod, string>> = {
  en: {
    wechat_pay: "WeChat Pay",
    alipay: "Alipay",
    fps: "FPS",
    bank_transfer: "Bank transfer",
    cash: "Cash",
    stored_value: "Stored value",
  },
  "zh-Hant": {
    wechat_pay: "微信支付",
    alipay: "支付寶",
    fps: "轉數快",
    bank_transfer: "銀行轉賬",
    cash: "現金",
    stored_value: "儲值餘額",
  },
  "zh-Hans": {
    wechat_pay: "微信支付",
    alipay: "支付宝",
    fps: "转数快",
    bank_transfer: "银行转账",
    cash: "现金",
    stored_value: "储值余额",
  },
};

const labels = {
  en: {
    title: "Receipt",
    number: "Receipt no.",
    date: "Date",
    plan: "Plan",
    amount: "Amount paid",
    method: "Payment method",
    reference: "Payment reference",
    card: "Card (ICCID)",
    msisdn: "Number",
    validUntil: "Valid until",
    status: { paid: "Paid — activation pending", activated: "Paid and active", voided: "Cancelled and refunded" },
    thanks: "Thank you. Keep this receipt for your records.",
  },
  "zh-Hant": {
    title: "收據",
    number: "收據編號",
    date: "日期",
    plan: "套餐",
    amount: "已付金額",
    method: "付款方式",
    reference: "付款參考號",
    card: "卡號（ICCID）",
    msisdn: "號碼",
    validUntil: "有效期至",
    status: { paid: "已付款，等待開通", activated: "已付款並已開通", voided: "已取消並退款" },
    thanks: "多謝惠顧，請保留此收據。",
  },
  "zh-Hans": {
    title: "收据",
    number: "收据编号",
    date: "日期",
    plan: "套餐",
    amount: "已付金额",
    method: "付款方式",
    reference: "付款参考号",
    card: "卡号（ICCID）",
    msisdn: "号码",
    validUntil: "有效期至",
    status: { paid: "已付款，等待开通", activated: "已付款并已开通", voided: "已取消并退款" },
    thanks: "感谢惠顾，请保留此收据。",
  },
} as const;

/** A number as printed for the customer: country code and the last 4 digits. */
export function maskMsisdn(msisdn: string): string {
  const code = msisdn.startsWith("+852") ? "+852" : msisdn.startsWith("+86") ? "+86" : msisdn.slice(0, 3);
  return `${code} ••••${msisdn.slice(-4)}`;
}

/** The customer's receipt as label/value lines in their language; the page only lays them out. */
export function customerReceiptLines(receipt: CustomerReceipt, language: Language) {
  const l = labels[language];
  const rows: [string, string][] = [
    [l.number, receiptNumber(receipt.renewalId)],
    [l.date, formatHkt(receipt.createdAt)],
    [l.plan, localizedName(language, receipt.planName)],
    [l.amount, formatMoney(receipt.amountMinor, receipt.currency)],
    [l.method, methods[language][receipt.method]],
  ];
  if (receipt.reference) rows.push([l.reference, receipt.reference]);
  rows.push([l.card, receipt.iccid]);
  if (receipt.msisdn) rows.push([l.msisdn, maskMsisdn(receipt.msisdn)]);
  rows.push([l.validUntil, formatHkt(receipt.validityEnd)]);
  return {
    company: COMPANY[language],
    title: l.title,
    status: l.status[receipt.status],
    rows,
    thanks: l.thanks,
  };
}
