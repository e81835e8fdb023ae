import { describe, expect, it } from "vitest";
import { formatDataMb, formatHkt, formatUtc } from "@/lib/domain/format";
import { formatMoney, parseMoney } from "@/lib/domain/money";
import { addDays, hkDay, hkEndOfDay, hkStartOfDay } from "@/lib/domain/time";

describe("Hong Kong time formatting", () => {
  it("shows an instant in Hong Kong time, 8 hours ahead of UTC", () => {
    expect(formatHkt(new Date("2026-12-24T15:59:59Z"))).toBe("2026-12-24 23:59 HKT");
  });

  it("moves to the next Hong Kong day at 16:00 UTC", () => {
    expect(formatHkt(new Date("2026-02-28T16:30:00Z"))).toBe("2026-03-01 00:30 HKT");
    expect(hkDay(new Date("2026-02-28T16:30:00Z"))).toBe("2026-03-01");
    expect(hkDay(new Date("2026-02-28T15:59:59Z"))).toBe("2026-02-28");
  });

  it("shows seconds and date-only forms on request", () => {
    const instant = new Date("2027-01-01T00:00:05Z");
    expect(formatHkt(instant, { seconds: true })).toBe("2027-01-01 08:00:05 HKT");
    // In Chinese the zone is named as the SMS names it.
    expect(formatHkt(instant, { seconds: true, locale: "zh-Hant" })).toBe("2027-01-01 08:00:05 香港時間");
    expect(formatHkt(instant, { locale: "zh-Hans" })).toBe("2027-01-01 08:00 香港时间");
    expect(formatHkt(instant, { locale: "en" })).toBe("2027-01-01 08:00 HKT");
    expect(formatHkt(instant, { dateOnly: true })).toBe("2027-01-01");
  });

  it("formats the UTC hover text", () => {
    expect(formatUtc(new Date("2026-12-24T15:59:59.123Z"))).toBe("2026-12-24 15:59:59 UTC");
  });

  it("ends a validity day at 23:59:59 Hong Kong time", () => {
    expect(hkEndOfDay("2028-02-29").toISOString()).toBe("2028-02-29T15:59:59.000Z");
    expect(hkStartOfDay("2026-03-01").toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
  });
});

describe("money", () => {
  it("formats integer minor units with the currency", () => {
    expect(formatMoney(9800, "HKD")).toBe("HK$98.00");
    expect(formatMoney(123456789, "CNY")).toBe("CN¥1,234,567.89");
    expect(formatMoney(-505, "HKD")).toBe("-HK$5.05");
  });

  it("parses typed decimals into minor units and refuses anything else", () => {
    expect(parseMoney("98")).toBe(9800);
    expect(parseMoney("98.5")).toBe(9850);
    expect(parseMoney(" 1,288.00 ")).toBe(128800);
    expect(parseMoney("0.01")).toBe(1);
    for (const bad of ["1.005", "1e9", "NaN", "-5", "+5", "abc", "", "1.2.3", "Infinity", "12,34"]) {
      expect(parseMoney(bad), bad).toBeNull();
    }
  });
});

describe("data sizes", () => {
  it("shows GB from 1024 MB and MB below", () => {
    expect(formatDataMb(8192, "en")).toBe("8 GB");
    expect(formatDataMb(1536, "en")).toBe("1.5 GB");
    expect(formatDataMb(512, "en")).toBe("512 MB");
  });
});
