import { describe, expect, it } from "vitest";
import {
  lifecycleOptions,
  liftChecks,
  liftPermission,
  suspendPermission,
  suspensionFollowsReplacement,
} from "@/lib/domain/card-lifecycle";
import { deriveCardState } from "@/lib/domain/card-state";
import { suspendReasons } from "@/lib/domain/enums";
import { allows } from "@/lib/domain/permissions";
import { withFeeSeries, withLifecycleSeries } from "@/lib/domain/reports/lifecycle";
import { denseSeries } from "@/lib/domain/reports/series";
import { luhnCheckDigit, parseIccid } from "@/lib/domain/identifiers";

const now = new Date("2026-12-01T04:00:00Z");

describe("card state with the lifecycle", () => {
  it("derives replaced before suspended and before the dates", () => {
    const card = { validityEnd: new Date("2027-01-01T15:59:59Z"), suspendedAt: now, replacedAt: now };
    expect(deriveCardState(card, now, 30)).toMatchObject({ state: "replaced", renewable: false });
    expect(deriveCardState({ ...card, replacedAt: null }, now, 30).state).toBe("suspended");
    expect(
      deriveCardState({ ...card, validityEnd: new Date("2026-09-01T15:59:59Z"), replacedAt: now }, now, 30).state,
    ).toBe("replaced");
  });

  it("offers suspend and replace on live cards, lift on suspended ones, and a new card only once expired", () => {
    expect(lifecycleOptions("active")).toEqual({ suspend: true, lift: false, replace: true, newCard: false });
    expect(lifecycleOptions("suspended")).toEqual({ suspend: false, lift: true, replace: true, newCard: false });
    expect(lifecycleOptions("expired")).toEqual({ suspend: false, lift: false, replace: false, newCard: true });
    expect(lifecycleOptions("replaced")).toEqual({ suspend: false, lift: false, replace: false, newCard: false });
  });
});

describe("who may suspend and lift, per reason", () => {
  it("lets an agent suspend lost, stolen and real-name cards but not for fraud or the carrier", () => {
    const agent = suspendReasons.filter((reason) => allows("agent", suspendPermission[reason]));
    expect(agent).toEqual(["lost", "stolen", "real_name_missing"]);
    expect(suspendReasons.every((reason) => allows("supervisor", suspendPermission[reason]))).toBe(true);
  });

  it("keeps a fraud lift a supervisor's, with a written reason; a lost card's lift needs the identity check", () => {
    expect(allows("agent", liftPermission.fraud)).toBe(false);
    expect(allows("supervisor", liftPermission.fraud)).toBe(true);
    expect(allows("agent", liftPermission.lost)).toBe(true);
    expect(liftChecks("fraud")).toEqual(["reason"]);
    expect(liftChecks("stolen")).toEqual(["identity"]);
    expect(liftChecks("real_name_missing")).toEqual(["real_name"]);
  });

  it("leaves a lost or stolen card's suspension on the old SIM and carries any other to the new one", () => {
    expect(suspensionFollowsReplacement("lost", "lost")).toBe(false);
    expect(suspensionFollowsReplacement("stolen", "lost")).toBe(false);
    expect(suspensionFollowsReplacement("real_name_missing", "damaged")).toBe(true);
    expect(suspensionFollowsReplacement("carrier", "stolen")).toBe(true);
  });
});

describe("new ICCIDs", () => {
  it("accepts 19–20 digits with a matching Luhn digit, spaces allowed, and refuses a typo", () => {
    const payload = "898520900000000001";
    const good = payload + String(luhnCheckDigit(payload));
    const typo = payload + String((luhnCheckDigit(payload) + 1) % 10);
    expect(parseIccid(`${good.slice(0, 4)} ${good.slice(4, 8)} ${good.slice(8)}`)).toBe(good);
    expect(parseIccid(typo)).toBeNull();
    expect(parseIccid(payload)).toBeNull();
  });
});

describe("lifecycle series in the reports", () => {
  const range = { from: "2026-12-01", to: "2026-12-03", granularity: "day" as const };
  const base = denseSeries(
    range,
    "day",
    [{ day: "2026-12-01", key: "renewedBefore", value: 4 }],
    [{ key: "renewedBefore", label: "Renewed" }],
  );

  it("adds suspensions, lifts and replacements as their own dense series, never into the renewals", () => {
    const model = withLifecycleSeries(
      range,
      base,
      [
        { day: "2026-12-02", kind: "suspensions", count: 2 },
        { day: "2026-12-03", kind: "replacements", count: 1 },
      ],
      { suspensions: "S", lifts: "L", replacements: "R" },
    );
    expect(model.series.map((s) => [s.key, s.values])).toEqual([
      ["renewedBefore", [4, 0, 0]],
      ["suspensions", [0, 2, 0]],
      ["lifts", [0, 0, 0]],
      ["replacements", [0, 0, 1]],
    ]);
  });

  it("adds replacement fees per currency as money series of their own", () => {
    const model = withFeeSeries(range, base, [{ day: "2026-12-01", currency: "CNY", revenueMinor: 4500 }], {
      HKD: "Fees HKD",
      CNY: "Fees CNY",
    });
    expect(model.series.slice(1).map((s) => [s.key, s.currency, s.values])).toEqual([
      ["fee_HKD", "HKD", [0, 0, 0]],
      ["fee_CNY", "CNY", [4500, 0, 0]],
    ]);
  });
});
