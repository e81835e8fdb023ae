import { describe, expect, it } from "vitest";
import { matchSettlement, type ConsoleMoney } from "@/lib/domain/settlement/match";
import type { SettlementLine } from "@/lib/domain/settlement/parse";

const at = new Date("2026-11-30T04:00:00Z");
const line = (
  lineNo: number,
  reference: string,
  amountMinor: number,
  extra: Partial<SettlementLine> = {},
): SettlementLine => ({
  lineNo,
  kind: "payment",
  reference,
  amountMinor,
  currency: "CNY",
  occurredAt: at,
  ...extra,
});
const money = (
  id: number,
  reference: string | null,
  amountMinor: number,
  extra: Partial<ConsoleMoney> = {},
): ConsoleMoney => ({
  kind: "payment",
  id,
  reference,
  amountMinor,
  currency: "CNY",
  at,
  ...extra,
});

describe("matching a settlement file with the console", () => {
  it("gives each line its outcome, and lists the console money the file lacks", () => {
    const result = matchSettlement(
      [line(2, "A0001", 8800), line(3, "A0002", 24500), line(4, "A0003", 8800), line(5, "A0004", 8800)],
      [money(1, "A0001", 8800), money(2, "A0002", 25000), money(4, "A0004", 8800, { currency: "HKD" })],
      [money(1, "A0001", 8800), money(9, "A0009", 1000)],
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines.map((m) => [m.line?.lineNo ?? null, m.outcome, m.console?.id ?? null])).toEqual([
      [2, "matched", 1],
      [3, "amount_differs", 2],
      [4, "missing_in_console", null],
      [5, "amount_differs", 4],
      [null, "missing_in_file", 9],
    ]);
  });

  it("lists nothing as missing in the file while the file's days are not over", () => {
    const result = matchSettlement([line(2, "A0001", 8800)], [money(1, "A0001", 8800)], null);
    expect(result.ok && result.lines.map((m) => m.outcome)).toEqual(["matched"]);
  });

  it("matches a refund line only with a refund", () => {
    const result = matchSettlement(
      [line(2, "R0001", 8800, { kind: "refund" })],
      [money(1, "R0001", 8800), money(7, "R0001", 8800, { kind: "refund" })],
      null,
    );
    expect(result.ok && result.lines.map((m) => [m.outcome, m.console?.kind, m.console?.id])).toEqual([
      ["matched", "refund", 7],
    ]);
  });

  it("refuses a reference that matches two console rows, naming the line", () => {
    expect(
      matchSettlement(
        [line(2, "A0001", 8800), line(3, "R0001", 100, { kind: "refund" })],
        [money(5, "R0001", 100, { kind: "refund" }), money(6, "R0001", 100, { kind: "refund" })],
        null,
      ),
    ).toEqual({ ok: false, refusal: { code: "ambiguous_reference", line: 3, reference: "R0001" } });
  });

  it("refuses a file that lists one reference twice", () => {
    expect(matchSettlement([line(2, "A0001", 8800), line(7, "A0001", 8800)], [], null)).toEqual({
      ok: false,
      refusal: { code: "repeated_reference", line: 7, firstLine: 2, reference: "A0001" },
    });
  });
});
