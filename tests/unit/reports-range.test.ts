import { describe, expect, it } from "vitest";
import {
  bucketLabels,
  bucketSpans,
  bucketStart,
  monthCover,
  bucketsBetween,
  defaultGranularity,
  resolveRange,
} from "@/lib/domain/reports/range";
import { hkDay } from "@/lib/domain/time";

describe("Hong Kong buckets", () => {
  it("put an instant in the Hong Kong day, week and month across the UTC date line", () => {
    // 2026-03-31 16:30 UTC is already 2026-04-01 00:30 in Hong Kong: a new day, a new month.
    const justAfterHkMidnight = new Date("2026-03-31T16:30:00Z");
    expect(hkDay(justAfterHkMidnight)).toBe("2026-04-01");
    expect(bucketStart(hkDay(justAfterHkMidnight), "day")).toBe("2026-04-01");
    expect(bucketStart(hkDay(justAfterHkMidnight), "month")).toBe("2026-04-01");
    // 15:59:59 UTC is still 23:59:59 on the 31st in Hong Kong: the old day and month.
    const lastSecond = new Date("2026-03-31T15:59:59Z");
    expect(bucketStart(hkDay(lastSecond), "day")).toBe("2026-03-31");
    expect(bucketStart(hkDay(lastSecond), "month")).toBe("2026-03-01");
  });

  it("start weeks on Monday, including across a Sunday-night UTC date line", () => {
    // Sunday 2026-11-29 16:00 UTC is Monday 2026-11-30 00:00 HKT: the next week.
    expect(bucketStart(hkDay(new Date("2026-11-29T16:00:00Z")), "week")).toBe("2026-11-30");
    expect(bucketStart(hkDay(new Date("2026-11-29T15:59:59Z")), "week")).toBe("2026-11-23");
    // A week that spans a year end belongs to its Monday.
    expect(bucketStart("2027-01-01", "week")).toBe("2026-12-28");
  });

  it("list every bucket that overlaps a range, partial ones included", () => {
    const range = { from: "2026-01-30", to: "2026-03-02" };
    expect(bucketsBetween(range, "month")).toEqual(["2026-01-01", "2026-02-01", "2026-03-01"]);
    expect(bucketsBetween(range, "week")).toEqual([
      "2026-01-26",
      "2026-02-02",
      "2026-02-09",
      "2026-02-16",
      "2026-02-23",
      "2026-03-02",
    ]);
    expect(bucketsBetween(range, "day")).toHaveLength(32);
    expect(bucketSpans(range, "month")).toEqual([
      { from: "2026-01-30", to: "2026-01-31" },
      { from: "2026-02-01", to: "2026-02-28" },
      { from: "2026-03-01", to: "2026-03-02" },
    ]);
  });

  it("label whole months by month and partial buckets by their days", () => {
    const labels = bucketLabels({ from: "2026-01-30", to: "2026-03-02" }, "month");
    expect(labels.full).toEqual(["2026-01-30 – 2026-01-31", "2026-02", "2026-03-01 – 2026-03-02"]);
    expect(labels.tick).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(bucketLabels({ from: "2025-12-31", to: "2026-01-01" }, "day").tick).toEqual(["12-31", "01-01"]);
    expect(bucketLabels({ from: "2025-12-31", to: "2026-01-01" }, "day").years).toBe("2025–2026");
    expect(bucketLabels({ from: "2026-12-30", to: "2026-12-31" }, "day").years).toBe("2026");
    expect(bucketLabels({ from: "2026-12-30", to: "2026-12-31" }, "day").tick).toEqual(["12-30", "12-31"]);
  });
});

describe("report ranges", () => {
  const today = "2026-11-25";

  it("end presets today and compare with the same number of days before", () => {
    const week = resolveRange({ range: "7d" }, today);
    expect(week).toMatchObject({ from: "2026-11-19", to: today, days: 7, granularity: "day" });
    expect(week.previous).toEqual({ from: "2026-11-12", to: "2026-11-18" });
    expect(resolveRange({ range: "12m" }, today)).toMatchObject({
      from: "2025-11-26",
      to: today,
      days: 365,
      granularity: "month",
    });
    expect(resolveRange({ range: "12m" }, "2028-02-29")).toMatchObject({ from: "2027-03-01", to: "2028-02-29" });
  });

  it("take a granularity from the URL or pick one that reads well", () => {
    expect(resolveRange({ range: "90d" }, today).granularity).toBe("week");
    expect(resolveRange({ range: "90d", granularity: "day" }, today).granularity).toBe("day");
    expect(resolveRange({ range: "90d", granularity: "hour" }, today).granularity).toBe("week");
    expect(defaultGranularity(45)).toBe("day");
    expect(defaultGranularity(46)).toBe("week");
  });

  it("accept a custom range and refuse malformed, reversed or overlong ones", () => {
    expect(resolveRange({ range: "custom", from: "2023-11-26", to: today }, today)).toMatchObject({
      preset: "custom",
      days: 1096,
      previous: { from: "2020-11-25", to: "2023-11-25" },
    });
    for (const [params, reason] of [
      [{ from: "2026-02-30", to: today }, "format"],
      [{ from: "yesterday", to: today }, "format"],
      [{ from: today, to: "2026-11-01" }, "order"],
      [{ from: "2016-01-01", to: today }, "tooLong"],
    ] as const) {
      expect(resolveRange({ range: "custom", ...params }, today)).toMatchObject({
        preset: "30d",
        from: "2026-10-27",
        invalid: reason,
      });
    }
    expect(resolveRange({ range: "bogus" }, today)).toMatchObject({ preset: "30d", days: 30 });
  });
});

describe("monthCover", () => {
  it("reads whole months from month rows and the days around them from day rows", () => {
    expect(monthCover({ from: "2023-12-02", to: "2026-12-01" })).toEqual({
      months: { from: "2024-01-01", to: "2026-11-01" },
      days: [
        { from: "2023-12-02", to: "2023-12-31" },
        { from: "2026-12-01", to: "2026-12-01" },
      ],
    });
  });

  it("takes a range that starts on the 1st and ends on a month's last day as months only", () => {
    expect(monthCover({ from: "2024-02-01", to: "2024-02-29" })).toEqual({
      months: { from: "2024-02-01", to: "2024-02-01" },
      days: [],
    });
    expect(monthCover({ from: "2024-01-01", to: "2024-12-31" })).toEqual({
      months: { from: "2024-01-01", to: "2024-12-01" },
      days: [],
    });
  });

  it("keeps a range without a whole month as days", () => {
    expect(monthCover({ from: "2024-02-02", to: "2024-03-30" })).toEqual({
      months: null,
      days: [{ from: "2024-02-02", to: "2024-03-30" }],
    });
    expect(monthCover({ from: "2024-02-01", to: "2024-02-28" })).toEqual({
      months: null,
      days: [{ from: "2024-02-01", to: "2024-02-28" }],
    });
  });
});
