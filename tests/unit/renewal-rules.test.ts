import { describe, expect, it } from "vitest";
import { canVoid, quoteRenewal, type RenewalQuoteInput } from "@/lib/domain/renewal-quote";

const monthly = { validityDays: 30, extensionMode: "stack" as const, priceHkdMinor: 9800, priceCnyMinor: 8800 };
const hkEnd = (day: string) => new Date(`${day}T15:59:59.000Z`); // 23:59:59 HKT that day

function quote(
  overrides: Partial<RenewalQuoteInput> & { validityEnd?: Date; suspendedAt?: Date | null; storedValue?: number } = {},
) {
  return quoteRenewal({
    now: overrides.now ?? new Date("2026-11-25T04:00:00Z"),
    card: {
      validityEnd: overrides.validityEnd ?? hkEnd("2026-12-07"),
      suspendedAt: overrides.suspendedAt ?? null,
      storedValueHkdMinor: overrides.storedValue ?? 0,
    },
    plan: overrides.plan ?? monthly,
    method: overrides.method ?? "wechat_pay",
    currency: overrides.currency ?? "HKD",
    graceDays: overrides.graceDays ?? 30,
    capDays: overrides.capDays ?? 730,
  });
}

describe("stack mode", () => {
  it("starts an active card's new period where its validity ends, and queues it", () => {
    const q = quote();
    expect(q.state).toBe("active");
    expect(q.startsAt.toISOString()).toBe("2026-12-07T16:00:00.000Z");
    expect(q.newValidityEnd.toISOString()).toBe(hkEnd("2027-01-06").toISOString());
    expect(q.warnings).toEqual(["queued_period"]);
    expect(q.refusals).toEqual([]);
  });

  it("starts a card in grace now, counting today as day one, and warns that service is restored", () => {
    const q = quote({ validityEnd: hkEnd("2026-11-20") });
    expect(q.state).toBe("grace");
    expect(q.startsAt.toISOString()).toBe("2026-11-25T04:00:00.000Z");
    expect(q.newValidityEnd.toISOString()).toBe(hkEnd("2026-12-24").toISOString());
    expect(q.warnings).toEqual(["grace_restores_service"]);
  });

  it("counts a renewal at 00:30 HKT (16:30 UTC the day before) on the Hong Kong day", () => {
    const q = quote({ now: new Date("2027-02-28T16:30:00Z"), validityEnd: hkEnd("2027-02-20") });
    expect(q.startsAt.toISOString()).toBe("2027-02-28T16:30:00.000Z");
    expect(q.newValidityEnd.toISOString()).toBe(hkEnd("2027-03-30").toISOString());
  });

  it("crosses month ends and 29 February by calendar days", () => {
    const leap = quote({ now: new Date("2028-02-01T04:00:00Z"), validityEnd: hkEnd("2028-02-10") });
    expect(leap.newValidityEnd.toISOString()).toBe(hkEnd("2028-03-11").toISOString());
    const onLeapDay = quote({ now: new Date("2028-02-20T04:00:00Z"), validityEnd: hkEnd("2028-02-29") });
    expect(onLeapDay.startsAt.toISOString()).toBe("2028-02-29T16:00:00.000Z");
    expect(onLeapDay.newValidityEnd.toISOString()).toBe(hkEnd("2028-03-30").toISOString());
    const monthEnd = quote({ now: new Date("2027-01-20T04:00:00Z"), validityEnd: hkEnd("2027-01-31") });
    expect(monthEnd.newValidityEnd.toISOString()).toBe(hkEnd("2027-03-02").toISOString());
  });
});

describe("max-from-today mode", () => {
  const annualMax = {
    validityDays: 365,
    extensionMode: "max_from_today" as const,
    priceHkdMinor: 118800,
    priceCnyMinor: 106800,
  };

  it("counts from today when that ends later than the current validity", () => {
    const q = quote({ plan: annualMax });
    expect(q.startsAt.toISOString()).toBe("2026-11-25T04:00:00.000Z");
    expect(q.newValidityEnd.toISOString()).toBe(hkEnd("2027-11-24").toISOString());
    expect(q.warnings).toEqual([]);
  });

  it("keeps a later old end, and refuses a renewal that would add no validity", () => {
    const q = quote({ plan: { ...annualMax, validityDays: 30 }, validityEnd: hkEnd("2027-03-01") });
    expect(q.newValidityEnd.toISOString()).toBe(hkEnd("2027-03-01").toISOString());
    expect(q.refusals).toEqual([{ code: "no_extension", currentEnd: hkEnd("2027-03-01") }]);
  });
});

describe("refusals", () => {
  it("refuses an expired card and a suspended card", () => {
    expect(quote({ validityEnd: hkEnd("2026-10-01") }).refusals).toEqual([{ code: "card_expired" }]);
    expect(quote({ suspendedAt: new Date("2026-11-20T00:00:00Z") }).refusals).toEqual([{ code: "card_suspended" }]);
  });

  it("refuses validity beyond the cap ahead of now", () => {
    const q = quote({ validityEnd: hkEnd("2028-11-01") });
    expect(q.refusals).toEqual([expect.objectContaining({ code: "cap_exceeded", capDays: 730 })]);
    expect(quote({ validityEnd: hkEnd("2028-10-20") }).refusals).toEqual([]);
  });

  it("prices from the plan in the chosen currency", () => {
    expect(quote({ currency: "CNY" }).priceMinor).toBe(8800);
    expect(quote({ currency: "HKD" }).priceMinor).toBe(9800);
  });

  it("needs enough HKD stored value, and accepts exactly enough", () => {
    expect(quote({ method: "stored_value", storedValue: 9799 }).refusals).toEqual([
      { code: "stored_value_short", balanceMinor: 9799, priceMinor: 9800 },
    ]);
    expect(quote({ method: "stored_value", storedValue: 9800 }).refusals).toEqual([]);
    expect(quote({ method: "stored_value", storedValue: 50000, currency: "CNY" }).refusals).toEqual([
      { code: "stored_value_currency" },
    ]);
  });
});

describe("voids", () => {
  const now = new Date("2026-11-25T04:00:00Z");
  it("are possible only before the period starts, on the card's latest renewal", () => {
    expect(canVoid({ status: "activated", startsAt: new Date("2026-12-07T16:00:00Z"), isLatest: true }, now)).toBe(
      true,
    );
    expect(canVoid({ status: "activated", startsAt: new Date("2026-11-25T03:00:00Z"), isLatest: true }, now)).toBe(
      false,
    );
    expect(canVoid({ status: "activated", startsAt: new Date("2026-12-07T16:00:00Z"), isLatest: false }, now)).toBe(
      false,
    );
    expect(canVoid({ status: "voided", startsAt: new Date("2026-12-07T16:00:00Z"), isLatest: true }, now)).toBe(false);
  });
});
