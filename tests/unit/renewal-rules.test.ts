import { describe, expect, it } from "vitest";
import {
  addYears,
  canVoid,
  checkRecentRenewal,
  checkVoid,
  describeRefusal,
  quoteRenewal,
  type RenewalQuoteInput,
} from "@/lib/domain/renewal-quote";

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
    capYears: overrides.capYears ?? 2,
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

  it("keeps a later old end and buys data, not time: the new period and its data start now", () => {
    const q = quote({ plan: { ...annualMax, validityDays: 30 }, validityEnd: hkEnd("2027-03-01") });
    expect(q.refusals).toEqual([]);
    expect(q.newValidityEnd.toISOString()).toBe(hkEnd("2027-03-01").toISOString());
    expect(q.startsAt.toISOString()).toBe("2026-11-25T04:00:00.000Z");
    expect(q.periodEndsAt.toISOString()).toBe(hkEnd("2026-12-24").toISOString());
    expect(q.warnings).toEqual(["data_only"]);
  });

  it("never moves the end back, at 00:30 HKT on 31 January and on 29 February 2028", () => {
    const plan = { ...annualMax, validityDays: 30 };
    for (const now of ["2028-01-30T16:30:00Z", "2028-02-28T16:30:00Z"]) {
      const q = quote({ plan, now: new Date(now), validityEnd: hkEnd("2028-06-30") });
      expect(q.newValidityEnd.toISOString()).toBe(hkEnd("2028-06-30").toISOString());
      expect(q.warnings).toContain("data_only");
    }
    const lastDay = quote({ plan, now: new Date("2028-01-30T16:30:00Z"), validityEnd: hkEnd("2028-02-29") });
    expect(lastDay.warnings).toEqual([]);
    expect(lastDay.newValidityEnd.toISOString()).toBe(hkEnd("2028-02-29").toISOString());
    expect(lastDay.refusals).toEqual([]);
  });
});

describe("refusals", () => {
  it("refuses an expired card and a suspended card", () => {
    expect(quote({ validityEnd: hkEnd("2026-10-01") }).refusals).toEqual([{ code: "card_expired" }]);
    expect(quote({ suspendedAt: new Date("2026-11-20T00:00:00Z") }).refusals).toEqual([{ code: "card_suspended" }]);
  });

  it("caps the last valid Hong Kong day at today's Hong Kong date plus 2 calendar years", () => {
    // From 2026-11-25 the last allowed day is 2028-11-25: a 30-day stack ending exactly then is allowed.
    const exactly = quote({ validityEnd: hkEnd("2028-10-26") });
    expect(exactly.newValidityEnd.toISOString()).toBe(hkEnd("2028-11-25").toISOString());
    expect(exactly.refusals).toEqual([]);
    const dayOver = quote({ validityEnd: hkEnd("2028-10-27") });
    expect(dayOver.refusals).toEqual([{ code: "cap_exceeded", capYears: 2, capEnd: hkEnd("2028-11-25") }]);
  });

  it("counts the cap from the Hong Kong date at 00:30 HKT, on 31 January and from 29 February", () => {
    // 00:30 HKT on 2027-01-31 is still 2027-01-30 in UTC: the cap is 2029-01-31, not 2029-01-30.
    const halfPast = quote({ now: new Date("2027-01-30T16:30:00Z"), validityEnd: hkEnd("2029-01-01") });
    expect(halfPast.capEnd.toISOString()).toBe(hkEnd("2029-01-31").toISOString());
    expect(halfPast.newValidityEnd.toISOString()).toBe(hkEnd("2029-01-31").toISOString());
    expect(halfPast.refusals).toEqual([]);
    // From 29 February 2028 the same date two years on falls on 28 February 2030.
    const leap = quote({ now: new Date("2028-02-29T04:00:00Z"), validityEnd: hkEnd("2030-01-29") });
    expect(leap.capEnd.toISOString()).toBe(hkEnd("2030-02-28").toISOString());
    expect(leap.newValidityEnd.toISOString()).toBe(hkEnd("2030-02-28").toISOString());
    expect(leap.refusals).toEqual([]);
    expect(quote({ now: new Date("2028-02-29T04:00:00Z"), validityEnd: hkEnd("2030-01-30") }).refusals).toEqual([
      expect.objectContaining({ code: "cap_exceeded" }),
    ]);
    // Across 29 February a 730-day cap would be a day short: 2026-03-01 + 2 years is 2028-03-01.
    const across = quote({ now: new Date("2026-03-01T04:00:00Z"), validityEnd: hkEnd("2028-01-31") });
    expect(across.newValidityEnd.toISOString()).toBe(hkEnd("2028-03-01").toISOString());
    expect(across.refusals).toEqual([]);
  });

  it("describes the cap with its date, not a day count", () => {
    const { key, params } = describeRefusal({ code: "cap_exceeded", capYears: 2, capEnd: hkEnd("2028-12-01") });
    expect(key).toBe("renewal.cap_exceeded");
    expect(params).toEqual({ capYears: 2, capDate: "2028-12-01" });
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

describe("addYears", () => {
  it("keeps the calendar date, and 29 February falls on 28 February", () => {
    expect(addYears("2026-12-01", 2)).toBe("2028-12-01");
    expect(addYears("2028-02-29", 2)).toBe("2030-02-28");
    expect(addYears("2028-02-29", 4)).toBe("2032-02-29");
    expect(addYears("2027-01-31", 2)).toBe("2029-01-31");
  });
});

describe("a recent renewal of the same card", () => {
  const recent = { renewalId: 9665, soldByName: "Chan Tai Man", createdAt: new Date("2026-11-25T03:55:00Z") };
  it("needs the acknowledgement, and the refusal names the renewal, agent and time", () => {
    const refusal = checkRecentRenewal(recent, false);
    expect(refusal).toEqual({ code: "recent_renewal_unacknowledged", ...recent });
    expect(describeRefusal(refusal!).params).toEqual({
      receipt: "R9665",
      agent: "Chan Tai Man",
      time: "2026-11-25 11:55 HKT",
      minutes: 10,
    });
    expect(checkRecentRenewal(recent, true)).toBeNull();
    expect(checkRecentRenewal(null, false)).toBeNull();
  });
});

describe("voids", () => {
  const now = new Date("2026-11-25T04:00:00Z");
  it("a renewal never activated stays voidable after its period started; refunds default to the payment's method", () => {
    const started = { status: "paid" as const, startsAt: new Date("2026-11-25T03:00:00Z"), isLatest: true };
    expect(canVoid(started, now)).toBe(true);
    const check = checkVoid(
      { renewal: started, payment: { method: "fps", currency: "HKD" }, refund: { reference: "frn-2026 0001" } },
      now,
    );
    expect(check).toEqual({ refusals: [], refund: { method: "fps", reference: "FRN20260001" }, deactivate: false });
    expect(checkVoid({ renewal: started, payment: { method: "wechat_pay", currency: "HKD" } }, now).refusals).toEqual([
      { code: "refund_reference_required" },
    ]);
    expect(
      checkVoid(
        { renewal: started, payment: { method: "fps", currency: "CNY" }, refund: { method: "stored_value" } },
        now,
      ).refusals,
    ).toEqual([{ code: "refund_stored_value_currency" }]);
    const cash = checkVoid(
      {
        renewal: started,
        payment: { method: "wechat_pay", currency: "HKD" },
        refund: { method: "cash", reference: "X123" },
      },
      now,
    );
    expect(cash).toEqual({ refusals: [], refund: { method: "cash", reference: null }, deactivate: false });
  });

  it("an activated renewal asks the carrier to deactivate it", () => {
    const queued = { status: "activated" as const, startsAt: new Date("2026-12-07T16:00:00Z"), isLatest: true };
    expect(checkVoid({ renewal: queued, payment: { method: "cash", currency: "HKD" } }, now)).toEqual({
      refusals: [],
      refund: { method: "cash", reference: null },
      deactivate: true,
    });
  });

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
