import { describe, expect, it } from "vitest";
import {
  expirationSeries,
  headline,
  outcomeSeries,
  revenueSeries,
  volumeSeries,
  change,
} from "@/lib/domain/reports/model";
import { resolveRange } from "@/lib/domain/reports/range";
import { denseSeries, foldSeries, OTHER_SERIES_KEY } from "@/lib/domain/reports/series";

const keys = [
  { key: "a", label: "A" },
  { key: "b", label: "B" },
];

describe("dense series", () => {
  it("give every bucket a value, zero where nothing happened", () => {
    const dense = denseSeries(
      { from: "2026-11-20", to: "2026-11-24" },
      "day",
      [{ day: "2026-11-22", key: "a", value: 3 }],
      keys,
    );
    expect(dense.buckets).toEqual(["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"]);
    expect(dense.series).toEqual([
      { key: "a", label: "A", values: [0, 0, 3, 0, 0] },
      { key: "b", label: "B", values: [0, 0, 0, 0, 0] },
    ]);
  });

  it("sum days into weeks and months and ignore days outside the range", () => {
    const rows = [
      { day: "2026-11-22", key: "a", value: 1 }, // Sunday: week of 11-16
      { day: "2026-11-23", key: "a", value: 2 }, // Monday: week of 11-23
      { day: "2026-11-24", key: "a", value: 4 },
      { day: "2026-11-15", key: "a", value: 100 }, // before the range
      { day: "2026-11-17", key: "b", value: 100 }, // in the first week but before the range
    ];
    const weeks = denseSeries({ from: "2026-11-18", to: "2026-11-24" }, "week", rows, keys);
    expect(weeks.buckets).toEqual(["2026-11-16", "2026-11-23"]);
    expect(weeks.series.map((s) => s.values)).toEqual([
      [1, 6],
      [0, 0],
    ]);
    const months = denseSeries({ from: "2026-10-01", to: "2026-11-30" }, "month", rows, keys);
    expect(months.series[0]!.values).toEqual([0, 107]);
  });

  it("refuse a row for a series nobody listed", () => {
    expect(() =>
      denseSeries({ from: "2026-11-20", to: "2026-11-20" }, "day", [{ day: "2026-11-20", key: "z", value: 1 }], keys),
    ).toThrow(/unlisted/);
  });

  it("fold the smallest series into one when there are too many to draw", () => {
    const series = [5, 1, 9, 2].map((v, i) => ({ key: `k${i}`, label: `K${i}`, values: [v, v] }));
    const folded = foldSeries(series, 3, "Other");
    expect(folded.map((s) => s.key)).toEqual(["k0", "k2", OTHER_SERIES_KEY]);
    expect(folded[2]!.values).toEqual([3, 3]);
    expect(foldSeries(series, 4, "Other")).toBe(series);
  });
});

describe("report models", () => {
  const range = resolveRange({ range: "7d", granularity: "day" }, "2026-11-25");

  it("order volume series by size and label them", () => {
    const volume = volumeSeries(
      range,
      [
        { day: "2026-11-20", key: "2", renewals: 1 },
        { day: "2026-11-21", key: "1", renewals: 5 },
      ],
      (key) => `Plan ${key}`,
    );
    expect(volume.series.map((s) => [s.label, s.values.reduce((a, b) => a + b)])).toEqual([
      ["Plan 1", 5],
      ["Plan 2", 1],
    ]);
  });

  it("keep one revenue line per currency, both always present", () => {
    const revenue = revenueSeries(range, [{ day: "2026-11-25", currency: "CNY", revenueMinor: 8800 }], {
      HKD: "HKD",
      CNY: "CNY",
    });
    expect(revenue.series.map((s) => [s.key, s.currency, s.values.at(-1)])).toEqual([
      ["HKD", "HKD", 0],
      ["CNY", "CNY", 8800],
    ]);
  });

  it("split outcomes by card state at purchase and add lapsed cards", () => {
    const outcomes = outcomeSeries(
      range,
      [
        { day: "2026-11-24", cardState: "active", renewals: 4 },
        { day: "2026-11-24", cardState: "grace", renewals: 1 },
      ],
      [{ day: "2026-11-24", cards: 2 }],
      { renewedBefore: "before", renewedInGrace: "grace", lapsed: "lapsed" },
    );
    expect(outcomes.series.map((s) => s.values.at(-2))).toEqual([4, 1, 2]);
  });

  it("lay expirations over the next days from today", () => {
    const ahead = expirationSeries(
      "2026-11-25",
      3,
      { renewed: [{ day: "2026-11-27", cards: 2 }], notYet: [{ day: "2026-11-25", cards: 7 }] },
      { renewed: "r", notYet: "n" },
    );
    expect(ahead.buckets).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(ahead.series.map((s) => s.values)).toEqual([
      [7, 0, 0],
      [0, 0, 2],
    ]);
  });

  it("compare the range with the one before and never add currencies", () => {
    const figures = headline(
      range,
      [
        { day: "2026-11-25", cardState: "active", renewals: 3 },
        { day: "2026-11-12", cardState: "grace", renewals: 2 },
        { day: "2026-11-01", cardState: "active", renewals: 50 },
      ],
      [
        { day: "2026-11-25", currency: "HKD", revenueMinor: 9800 },
        { day: "2026-11-25", currency: "CNY", revenueMinor: 8800 },
        { day: "2026-11-18", currency: "HKD", revenueMinor: 4900 },
      ],
      [{ day: "2026-11-20", cards: 1 }],
    );
    expect(figures.renewals).toEqual({ current: 3, previous: 2 });
    expect(figures.revenue).toEqual({ HKD: { current: 9800, previous: 4900 }, CNY: { current: 8800, previous: 0 } });
    expect(figures.renewalRate).toBe(3 / 4);
    expect(change(figures.renewals)).toBe(0.5);
    expect(change(figures.revenue!.CNY)).toBeNull();
    expect(headline(range, [], null, []).renewalRate).toBeNull();
  });
});
