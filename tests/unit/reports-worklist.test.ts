import { describe, expect, it } from "vitest";
import { reminderThreshold, windowBounds, worklistCursor } from "@/lib/domain/reports/worklist";

describe("expiry worklist windows", () => {
  // 2026-11-25 17:00 UTC is already Thursday 2026-11-26 01:00 in Hong Kong.
  const now = new Date("2026-11-25T17:00:00Z");

  it("count Hong Kong calendar days from today, not UTC ones", () => {
    expect(windowBounds("1", now, 30)).toEqual({ from: now, to: new Date("2026-11-26T15:59:59Z") });
    expect(windowBounds("7", now, 30).to).toEqual(new Date("2026-12-02T15:59:59Z"));
    expect(windowBounds("grace", now, 30)).toEqual({
      from: new Date("2026-10-26T17:00:00Z"),
      to: new Date(now.getTime() - 1),
    });
  });

  it("file a card under the narrowest threshold it is in now", () => {
    const endOf = (day: string) => new Date(`${day}T15:59:59Z`);
    expect(reminderThreshold(endOf("2026-11-26"), now, 30)).toBe("1");
    expect(reminderThreshold(endOf("2026-11-28"), now, 30)).toBe("3");
    expect(reminderThreshold(endOf("2026-11-29"), now, 30)).toBe("7");
    expect(reminderThreshold(endOf("2026-12-25"), now, 30)).toBe("30");
    expect(reminderThreshold(endOf("2026-12-26"), now, 30)).toBeNull();
    // Ended yesterday (HKT): in grace; ended more than 30 days ago: lapsed, no reminder.
    expect(reminderThreshold(endOf("2026-11-25"), now, 30)).toBe("grace");
    expect(reminderThreshold(endOf("2026-10-20"), now, 30)).toBeNull();
  });

  it("read only well-formed cursors", () => {
    expect(worklistCursor(["2026-11-26 15:59:59+00", 42])).toEqual({
      validityEnd: "2026-11-26 15:59:59+00",
      cardId: 42,
    });
    expect(worklistCursor(["2026-11-26 15:59:59.123456+00", 1])).not.toBeNull();
    expect(worklistCursor(["2026-11-26'; drop table cards; --", 42])).toBeNull();
    expect(worklistCursor(["2026-11-26 15:59:59+00", -1])).toBeNull();
    expect(worklistCursor(["2026-11-26 15:59:59+00"])).toBeNull();
    expect(worklistCursor(null)).toBeNull();
  });
});
