import { readFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  parseAmount,
  parseHkTime,
  parseSettlementFile,
  SETTLEMENT_MAX_BYTES,
  settlementTotals,
  type GenericMapping,
} from "@/lib/domain/settlement/parse";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, "../fixtures/settlement", name)));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (value: string) => new TextEncoder().encode(value);
const fps: GenericMapping = {
  referenceColumn: "Transaction reference",
  amountColumn: "Amount",
  timeColumn: "Value date",
  currencyColumn: "Currency",
  defaultCurrency: "HKD",
};

describe("money and time in settlement files", () => {
  it("reads decimal amounts into minor units without floats", () => {
    expect(parseAmount("88.00")).toBe(8800);
    expect(parseAmount("0.1")).toBe(10);
    expect(parseAmount("-1,288.50")).toBe(-128850);
    expect(parseAmount("¥12")).toBe(1200);
    expect(parseAmount("12.345")).toBeNull();
    expect(parseAmount("1e3")).toBeNull();
    expect(parseAmount("abc")).toBeNull();
  });

  it("reads provider times as UTC+8 and refuses impossible dates", () => {
    expect(parseHkTime("2026-11-30 10:15:02")!.toISOString()).toBe("2026-11-30T02:15:02.000Z");
    expect(parseHkTime("2026-11-30")!.toISOString()).toBe("2026-11-29T16:00:00.000Z");
    expect(parseHkTime("2026-02-30 10:00:00")).toBeNull();
    expect(parseHkTime("30/11/2026")).toBeNull();
  });
});

describe("the WeChat Pay merchant transaction bill", () => {
  it("reads payments and refunds, strips the backticks and normalises references", () => {
    const result = parseSettlementFile(fixture("wechat-pay-bill.csv"), "wechat_pay");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { lines, periodFrom, periodTo } = result.value;
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      lineNo: 2,
      kind: "payment",
      reference: "4200000000202611300000000001",
      amountMinor: 8800,
      currency: "CNY",
    });
    expect(lines[3]).toMatchObject({
      lineNo: 5,
      kind: "refund",
      reference: "50300000002026113000000000001",
      amountMinor: 8800,
    });
    expect(periodFrom.toISOString()).toBe("2026-11-29T16:00:00.000Z");
    expect(periodTo.toISOString()).toBe("2026-11-30T15:59:59.000Z");
    expect(settlementTotals(lines)).toEqual([{ currency: "CNY", payments: 42100, refunds: 8800, count: 4 }]);
  });

  it("refuses a truncated bill: no summary, or fewer rows than the summary counts", () => {
    const whole = text(fixture("wechat-pay-bill.csv")).split("\n");
    const noSummary = whole.slice(0, 4).join("\n");
    expect(parseSettlementFile(bytesOf(noSummary), "wechat_pay")).toEqual({
      ok: false,
      refusal: { code: "truncated" },
    });
    const missingRow = [...whole.slice(0, 3), ...whole.slice(4)].join("\n");
    expect(parseSettlementFile(bytesOf(missingRow), "wechat_pay")).toEqual({
      ok: false,
      refusal: { code: "count_mismatch", expected: 4, found: 3 },
    });
  });

  it("names the line of an unparseable amount", () => {
    const bad = text(fixture("wechat-pay-bill.csv")).replace("`245.00", "`2x5.00");
    expect(parseSettlementFile(bytesOf(bad), "wechat_pay")).toEqual({
      ok: false,
      refusal: { code: "bad_amount", line: 3, value: "2x5.00" },
    });
  });

  it("refuses a file that is not a WeChat Pay bill, and one that is not UTF-8", () => {
    expect(parseSettlementFile(fixture("fps-statement.csv"), "wechat_pay")).toEqual({
      ok: false,
      refusal: { code: "not_format", format: "wechat_pay" },
    });
    expect(parseSettlementFile(fixture("alipay-account-detail.csv"), "wechat_pay")).toEqual({
      ok: false,
      refusal: { code: "wrong_encoding", expected: "UTF-8" },
    });
  });

  it("refuses an empty file and one over the size limit before reading it", () => {
    expect(parseSettlementFile(new Uint8Array(), "wechat_pay")).toEqual({ ok: false, refusal: { code: "empty" } });
    expect(parseSettlementFile(new Uint8Array(20 * 1024 * 1024), "wechat_pay")).toEqual({
      ok: false,
      refusal: { code: "too_large", maxMb: SETTLEMENT_MAX_BYTES / 1024 / 1024 },
    });
  });
});

describe("the Alipay account detail (账务明细)", () => {
  it("decodes GBK, skips the # header and footer, keeps payments and counts fees apart", () => {
    const result = parseSettlementFile(fixture("alipay-account-detail.csv"), "alipay");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lines).toEqual([
      expect.objectContaining({
        lineNo: 6,
        kind: "payment",
        reference: "2026113022001400000000000001",
        amountMinor: 8800,
        currency: "CNY",
      }),
      expect.objectContaining({
        lineNo: 8,
        kind: "payment",
        reference: "2026113022001400000000000002",
        amountMinor: 79800,
      }),
    ]);
    expect(result.value.ignored).toBe(1);
  });

  it("says the encoding is wrong when the detail was re-saved as UTF-8", () => {
    const utf8 = bytesOf(iconv.decode(Buffer.from(fixture("alipay-account-detail.csv")), "gbk"));
    expect(parseSettlementFile(utf8, "alipay")).toEqual({
      ok: false,
      refusal: { code: "wrong_encoding", expected: "GBK" },
    });
  });

  it("refuses a detail cut off before its footer", () => {
    const decoded = iconv.decode(Buffer.from(fixture("alipay-account-detail.csv")), "gbk");
    const cut = iconv.encode(
      decoded.slice(0, decoded.indexOf("#-----------------------------------------账务明细列表结束")),
      "gbk",
    );
    expect(parseSettlementFile(new Uint8Array(cut), "alipay")).toEqual({ ok: false, refusal: { code: "truncated" } });
  });
});

describe("a generic statement with a column mapping", () => {
  it("reads FPS lines by the mapped columns; a negative amount is money back", () => {
    const result = parseSettlementFile(fixture("fps-statement.csv"), "generic", fps);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lines.map((l) => [l.lineNo, l.kind, l.reference, l.amountMinor, l.currency])).toEqual([
      [2, "payment", "FRN2026113000001", 9800, "HKD"],
      [3, "payment", "FRN2026113000002", 26800, "HKD"],
      [4, "refund", "FRN2026113000003", 9800, "HKD"],
    ]);
  });

  it("counts a zero-amount row as ignored, so the file's figures account for every row", () => {
    const withZero = `${text(fixture("fps-statement.csv")).trimEnd()}\n2026-11-30 18:00,FRN2026113000004,FPS FEE REVERSAL,0.00,HKD\n`;
    const result = parseSettlementFile(bytesOf(withZero), "generic", fps);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lines).toHaveLength(3);
    expect(result.value.ignored).toBe(1);
  });

  it("names a mapped column the file lacks, and the line of a bad currency", () => {
    expect(parseSettlementFile(fixture("fps-statement.csv"), "generic", { ...fps, amountColumn: "Betrag" })).toEqual({
      ok: false,
      refusal: { code: "missing_column", column: "Betrag" },
    });
    const bad = text(fixture("fps-statement.csv")).replace("268.00,HKD", "268.00,USD");
    expect(parseSettlementFile(bytesOf(bad), "generic", fps)).toEqual({
      ok: false,
      refusal: { code: "bad_currency", line: 3, value: "USD" },
    });
  });

  it("names the line of malformed CSV", () => {
    const bad = `${text(fixture("fps-statement.csv"))}2026-11-30 18:00,"FRN9,99.00,HKD\n`;
    const result = parseSettlementFile(bytesOf(bad), "generic", fps);
    expect(result).toMatchObject({ ok: false, refusal: { code: "bad_csv" } });
  });
});
