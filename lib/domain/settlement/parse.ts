import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { Currency, PaymentMethod, SettlementFormat, SettlementLineKind } from "../enums";
import { normaliseReference, isValidReference } from "../payment-reference";
import { SETTLEMENT_MAX_BYTES } from "./limits";
import { HK_OFFSET_MS, hkDay, hkEndOfDay, hkStartOfDay } from "../time";

/**
 * Settlement files as the providers document them, read into one line shape.
 * Pure: bytes in, lines or one refusal out (naming the line), so a file is
 * either read whole or not at all and nothing is ever half-stored.
 *
 * - WeChat Pay merchant transaction bill (交易账单, bill_type ALL): UTF-8 CSV,
 *   a header row, detail rows whose every field starts with a backtick, then a
 *   summary header (总交易单数 …) and one summary row.
 * - Alipay 账务明细: GBK CSV between `#` header lines and `#` footer lines
 *   (…账务明细列表结束, 账务明细总数：N); fields padded with tabs.
 * - Generic CSV (FPS, bank statements): a header row and a saved mapping of
 *   which column holds the reference, amount, currency and time.
 */

export { SETTLEMENT_MAX_BYTES };

export interface SettlementLine {
  /** The line of the file (1-based), as a person opening it in an editor counts. */
  lineNo: number;
  kind: SettlementLineKind;
  /** Normalised like the console's references (lib/domain/payment-reference.ts). */
  reference: string;
  amountMinor: number;
  currency: Currency;
  occurredAt: Date;
}

/** Which column holds what, by header name; time is "YYYY-MM-DD HH:mm[:ss]" or "YYYY-MM-DD" in Hong Kong time. */
export interface GenericMapping {
  referenceColumn: string;
  amountColumn: string;
  timeColumn: string;
  /** Empty: every line is in `defaultCurrency`. */
  currencyColumn: string | null;
  defaultCurrency: Currency;
}

export type SettlementRefusal =
  | { code: "too_large"; maxMb: number }
  | { code: "empty" }
  | { code: "wrong_encoding"; expected: "UTF-8" | "GBK" }
  | { code: "not_format"; format: SettlementFormat }
  | { code: "truncated" }
  | { code: "count_mismatch"; expected: number; found: number }
  | { code: "bad_csv"; line: number }
  | { code: "bad_amount"; line: number; value: string }
  | { code: "bad_currency"; line: number; value: string }
  | { code: "bad_time"; line: number; value: string }
  | { code: "bad_reference"; line: number; value: string }
  | { code: "missing_column"; column: string }
  | { code: "no_lines" };

export interface ParsedSettlement {
  lines: SettlementLine[];
  /** The Hong Kong days the file covers: 00:00 of the first to 23:59:59 of the last. */
  periodFrom: Date;
  periodTo: Date;
  /** Lines the file holds that are not money in or back (fees, fund transfers): counted, not stored. */
  ignored: number;
}

export type ParseResult = { ok: true; value: ParsedSettlement } | { ok: false; refusal: SettlementRefusal };

class Refused extends Error {
  constructor(readonly refusal: SettlementRefusal) {
    super(refusal.code);
  }
}

const refuse = (refusal: SettlementRefusal): never => {
  throw new Refused(refusal);
};

/** Decimal money as the files write it ("98.00", "-1,288.5", "¥12") to minor units; never through a float. */
export function parseAmount(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]|^(HK)?\$/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^([+-]?)(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign === "-" ? -minor : minor;
}

const currencyNames: Record<string, Currency> = {
  CNY: "CNY",
  RMB: "CNY",
  人民币: "CNY",
  HKD: "HKD",
  港币: "HKD",
  港幣: "HKD",
};

export function parseCurrency(text: string): Currency | null {
  return currencyNames[text.trim().toUpperCase()] ?? currencyNames[text.trim()] ?? null;
}

/** "2026-11-30 14:05:09" (or without seconds, or a bare date) in China/Hong Kong time (both UTC+8). */
export function parseHkTime(text: string): Date | null {
  const match = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const date = new Date(utc - HK_OFFSET_MS);
  // Refuses 2026-02-30 and 25:00 rather than rolling them over.
  const back = new Date(utc);
  if (back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h) || back.getUTCMonth() !== Number(mo) - 1)
    return null;
  return date;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

interface Row {
  line: number;
  cells: string[];
}

function rows(text: string, options: { comment?: boolean } = {}): Row[] {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      ...(options.comment ? { comment: "#", comment_no_infix: true } : {}),
    }) as unknown as { info: { lines: number }; record: string[] }[];
    return records.map(({ info, record }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse({ code: "bad_csv", line: typeof line === "number" ? line : 1 });
  }
}

function reference(value: string, line: number): string {
  const normalised = normaliseReference(value);
  if (!isValidReference(normalised)) refuse({ code: "bad_reference", line, value: value.slice(0, 40) });
  return normalised;
}

function amount(value: string, line: number): number {
  const minor = parseAmount(value);
  if (minor === null) refuse({ code: "bad_amount", line, value: value.slice(0, 40) });
  return minor!;
}

function time(value: string, line: number): Date {
  const date = parseHkTime(value);
  if (!date) refuse({ code: "bad_time", line, value: value.slice(0, 40) });
  return date!;
}

function columnIndex(header: string[], name: string): number {
  const index = header.findIndex((cell) => cell.trim() === name);
  if (index < 0) refuse({ code: "missing_column", column: name });
  return index;
}

const WECHAT_HEADER = ["交易时间", "微信订单号", "交易状态", "货币种类", "应结订单金额", "微信退款单号", "退款金额"];

function parseWeChat(bytes: Uint8Array): Omit<ParsedSettlement, "periodFrom" | "periodTo"> {
  const text = decodeUtf8(bytes);
  if (text === null) return refuse({ code: "wrong_encoding", expected: "UTF-8" });
  const all = rows(text);
  const header = all[0]?.cells.map((c) => c.trim()) ?? [];
  if (!WECHAT_HEADER.every((name) => header.includes(name))) refuse({ code: "not_format", format: "wechat_pay" });
  const at = Object.fromEntries(WECHAT_HEADER.map((name) => [name, columnIndex(header, name)]));
  const summaryAt = all.findIndex((row) => row.cells[0]?.trim() === "总交易单数");
  if (summaryAt < 0 || !all[summaryAt + 1]) refuse({ code: "truncated" });
  const detail = all.slice(1, summaryAt);
  // The summary's first figure is the number of detail rows: a cut-off file has fewer.
  const declared = Number(all[summaryAt + 1]!.cells[0]!.replace(/^`/, "").trim());
  if (!Number.isInteger(declared)) refuse({ code: "truncated" });
  if (declared !== detail.length) refuse({ code: "count_mismatch", expected: declared, found: detail.length });
  const lines: SettlementLine[] = [];
  let ignored = 0;
  for (const row of detail) {
    const cell = (name: string) => (row.cells[at[name]!] ?? "").replace(/^`/, "").trim();
    const status = cell("交易状态");
    const currency = parseCurrency(cell("货币种类"));
    if (!currency) refuse({ code: "bad_currency", line: row.line, value: cell("货币种类") });
    const occurredAt = time(cell("交易时间"), row.line);
    if (status === "SUCCESS") {
      lines.push({
        lineNo: row.line,
        kind: "payment",
        reference: reference(cell("微信订单号"), row.line),
        amountMinor: amount(cell("应结订单金额"), row.line),
        currency: currency!,
        occurredAt,
      });
    } else if (status === "REFUND") {
      lines.push({
        lineNo: row.line,
        kind: "refund",
        reference: reference(cell("微信退款单号"), row.line),
        amountMinor: Math.abs(amount(cell("退款金额"), row.line)),
        currency: currency!,
        occurredAt,
      });
    } else {
      // REVOKED (a payment cancelled the same day) and others move no money.
      ignored++;
    }
  }
  return { lines, ignored };
}

const ALIPAY_COLUMNS = {
  reference: "业务流水号",
  time: "发生时间",
  income: "收入金额（+元）",
  expense: "支出金额（-元）",
  type: "业务类型",
};

function parseAlipay(bytes: Uint8Array): Omit<ParsedSettlement, "periodFrom" | "periodTo"> {
  const asUtf8 = decodeUtf8(bytes);
  // A UTF-8 export (re-saved by a spreadsheet) reads as mojibake in GBK: say so rather than "not the format".
  if (asUtf8 !== null && /[^\x00-\x7f]/.test(asUtf8) && asUtf8.includes("账务流水号"))
    refuse({ code: "wrong_encoding", expected: "GBK" });
  const text = iconv.decode(Buffer.from(bytes), "gbk");
  if (!text.includes("账务流水号")) refuse({ code: "not_format", format: "alipay" });
  const end = /^#-*账务明细列表结束/m.test(text);
  const countMatch = /^#账务明细总数[：:]\s*(\d+)/m.exec(text);
  if (!end || !countMatch) refuse({ code: "truncated" });
  const all = rows(text, { comment: true });
  const header = all[0]?.cells.map((c) => c.trim()) ?? [];
  const at = {
    reference: columnIndex(header, ALIPAY_COLUMNS.reference),
    time: columnIndex(header, ALIPAY_COLUMNS.time),
    income: columnIndex(header, ALIPAY_COLUMNS.income),
    expense: columnIndex(header, ALIPAY_COLUMNS.expense),
    type: columnIndex(header, ALIPAY_COLUMNS.type),
  };
  const detail = all.slice(1);
  const declared = Number(countMatch![1]);
  if (declared !== detail.length) refuse({ code: "count_mismatch", expected: declared, found: detail.length });
  const lines: SettlementLine[] = [];
  let ignored = 0;
  for (const row of detail) {
    const cell = (index: number) => (row.cells[index] ?? "").trim();
    const income = amount(cell(at.income) || "0", row.line);
    const expense = Math.abs(amount(cell(at.expense) || "0", row.line));
    const type = cell(at.type);
    const occurredAt = time(cell(at.time), row.line);
    if (income > 0 && type !== "交易退款") {
      lines.push({
        lineNo: row.line,
        kind: "payment",
        reference: reference(cell(at.reference), row.line),
        amountMinor: income,
        currency: "CNY",
        occurredAt,
      });
    } else if (expense > 0 && type === "交易退款") {
      lines.push({
        lineNo: row.line,
        kind: "refund",
        reference: reference(cell(at.reference), row.line),
        amountMinor: expense,
        currency: "CNY",
        occurredAt,
      });
    } else {
      // Service fees, withdrawals, transfers: money that is not a customer's.
      ignored++;
    }
  }
  return { lines, ignored };
}

function parseGeneric(bytes: Uint8Array, mapping: GenericMapping): Omit<ParsedSettlement, "periodFrom" | "periodTo"> {
  const text = decodeUtf8(bytes);
  if (text === null) return refuse({ code: "wrong_encoding", expected: "UTF-8" });
  const all = rows(text);
  const header = all[0]?.cells.map((c) => c.trim()) ?? [];
  const at = {
    reference: columnIndex(header, mapping.referenceColumn),
    amount: columnIndex(header, mapping.amountColumn),
    time: columnIndex(header, mapping.timeColumn),
    currency: mapping.currencyColumn ? columnIndex(header, mapping.currencyColumn) : null,
  };
  const lines: SettlementLine[] = [];
  let ignored = 0;
  for (const row of all.slice(1)) {
    const cell = (index: number) => (row.cells[index] ?? "").trim();
    const minor = amount(cell(at.amount), row.line);
    let currency: Currency | null = mapping.defaultCurrency;
    if (at.currency !== null) {
      currency = parseCurrency(cell(at.currency));
      if (!currency) refuse({ code: "bad_currency", line: row.line, value: cell(at.currency) });
    }
    // A zero-amount row moves no money: skipped, and counted as ignored so the file's figures account for it.
    if (minor === 0) {
      ignored++;
      continue;
    }
    lines.push({
      lineNo: row.line,
      // A statement writes money back as a negative amount.
      kind: minor > 0 ? "payment" : "refund",
      reference: reference(cell(at.reference), row.line),
      amountMinor: Math.abs(minor),
      currency: currency!,
      occurredAt: time(cell(at.time), row.line),
    });
  }
  return { lines, ignored };
}

/** The method a format's lines are paid with; a generic file says which (FPS or bank transfer). */
export function methodOfFormat(format: SettlementFormat, genericMethod: PaymentMethod): PaymentMethod {
  return format === "wechat_pay" ? "wechat_pay" : format === "alipay" ? "alipay" : genericMethod;
}

export function parseSettlementFile(
  bytes: Uint8Array,
  format: SettlementFormat,
  mapping: GenericMapping | null = null,
): ParseResult {
  try {
    if (bytes.byteLength > SETTLEMENT_MAX_BYTES)
      refuse({ code: "too_large", maxMb: SETTLEMENT_MAX_BYTES / 1024 / 1024 });
    if (bytes.byteLength === 0) refuse({ code: "empty" });
    const read =
      format === "wechat_pay"
        ? parseWeChat(bytes)
        : format === "alipay"
          ? parseAlipay(bytes)
          : mapping
            ? parseGeneric(bytes, mapping)
            : refuse({ code: "missing_column", column: "reference" });
    if (read.lines.length === 0) refuse({ code: "no_lines" });
    const times = read.lines.map((l) => l.occurredAt.getTime());
    const first = hkDay(new Date(Math.min(...times)));
    const last = hkDay(new Date(Math.max(...times)));
    return {
      ok: true,
      value: { ...read, periodFrom: hkStartOfDay(first), periodTo: hkEndOfDay(last) },
    };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

/** Lines and totals per currency, for the preview and the file's page. */
export function settlementTotals(lines: readonly Pick<SettlementLine, "kind" | "amountMinor" | "currency">[]) {
  const totals = new Map<Currency, { payments: number; refunds: number; count: number }>();
  for (const line of lines) {
    const t = totals.get(line.currency) ?? { payments: 0, refunds: 0, count: 0 };
    if (line.kind === "payment") t.payments += line.amountMinor;
    else t.refunds += line.amountMinor;
    t.count++;
    totals.set(line.currency, t);
  }
  return [...totals.entries()]
    .map(([currency, t]) => ({ currency, ...t }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Whether a file's days are over, so a console payment it lacks counts as missing (not merely not yet settled). */
export function periodHasPassed(periodTo: Date, now: Date): boolean {
  return now.getTime() > periodTo.getTime();
}
