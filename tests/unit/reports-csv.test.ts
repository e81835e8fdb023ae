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
