import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/domain/reports/csv";

describe("CSV cells", () => {
  it("defuse text a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+85291234567")).toBe("'+85291234567");
    expect(csvCell("-1+1")).toBe("'-1+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1+1")).toBe("'\t=1+1");
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`);
  });

  it("leave ordinary text and our own numbers alone", () => {
    expect(csvCell("王伟 Wong Wai")).toBe("王伟 Wong Wai");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(1234.5)).toBe("1234.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(() => csvCell(Number.NaN)).toThrow();
  });

  it("quote commas, quotes, line breaks and edge spaces", () => {
    expect(csvCell("Star River Trading, Ltd")).toBe(`"Star River Trading, Ltd"`);
    expect(csvCell('say "hi"')).toBe(`"say ""hi"""`);
    expect(csvCell("two\nlines")).toBe(`"two\nlines"`);
    expect(csvCell(" padded")).toBe(`" padded"`);
  });

  it("write a document with a byte-order mark and CRLF rows", () => {
    expect(
      toCsv([
        ["Day", "=cmd"],
        ["2026-11-25", 3],
      ]),
    ).toBe("\uFEFFDay,'=cmd\r\n2026-11-25,3\r\n");
  });
});

describe("money and ranges in exports", () => {
  it("writes minor units as major-unit decimals by integer arithmetic, unescaped", async () => {
    const { minorToMajor } = await import("@/lib/domain/money");
    const { csvLine } = await import("@/lib/domain/reports/csv");
    expect(minorToMajor(9800)).toBe("98.00");
    expect(minorToMajor(5)).toBe("0.05");
    expect(minorToMajor(-128850)).toBe("-1288.50");
    expect(minorToMajor(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
    expect(() => minorToMajor(1.5)).toThrow();
    expect(csvLine([{ decimal: "-1288.50" }, "-1288.50", "=SUM(A1)"])).toBe("-1288.50,'-1288.50,'=SUM(A1)\r\n");
    expect(() => csvLine([{ decimal: "=1" }])).toThrow();
  });

  it("reads an export's days and refuses a range over three years or out of order", async () => {
    const { readExportRange } = await import("@/lib/domain/reports/range");
    expect(readExportRange({ from: "2023-12-02", to: "2026-12-01" })).toEqual({
      ok: true,
      range: { from: "2023-12-02", to: "2026-12-01" },
    });
    expect(readExportRange({ from: "2023-11-01", to: "2026-12-01" })).toEqual({ ok: false, invalid: "tooLong" });
    expect(readExportRange({ from: "2026-12-02", to: "2026-12-01" })).toEqual({ ok: false, invalid: "order" });
    expect(readExportRange({ from: "2026-02-30", to: "2026-12-01" })).toEqual({ ok: false, invalid: "format" });
  });
});
