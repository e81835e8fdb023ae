import { describe, expect, it } from "vitest";
import { staffRoles } from "@/lib/domain/enums";
import { allows, may, permissions, type Permission } from "@/lib/domain/permissions";

describe("the permission map", () => {
  it("gives each role what DOMAIN.md's table says, and nothing above it", () => {
    const granted = (role: (typeof staffRoles)[number]) =>
      (Object.keys(permissions) as Permission[]).filter((p) => allows(role, p)).sort();
    expect(granted("agent")).toEqual(
      [
        "lookUpCustomers",
        "renewCard",
        "resendNotification",
        "retryActivation",
        "sendExpiryReminders",
        "viewActivationQueue",
        "viewReports",
        "topUpStoredValue",
        "editCustomerProfile",
        "editRealName",
        "logContact",
        "suspendCard",
        "liftSuspension",
        "replaceCard",
        "issueNewCard",
        "runCashDrawer",
      ].sort(),
    );
    expect(granted("supervisor")).toEqual(
      [
        ...granted("agent"),
        "seeRevenue",
        "seeStuckActivations",
        "voidRenewal",
        "grantGoodwill",
        "correctStoredValue",
        "suspendForFraud",
        "liftFraudSuspension",
        "recordCarrierSuspension",
        "waiveReplacementFee",
        "superviseCashDrawers",
        "reconcileSettlements",
        "exportMoney",
      ].sort(),
    );
    expect(granted("admin")).toEqual(Object.keys(permissions).sort());
  });

  it("reads as the rule it checks", () => {
    expect(may.voidRenewal({ role: "agent" })).toBe(false);
    expect(may.voidRenewal({ role: "supervisor" })).toBe(true);
    expect(may.manageStaff({ role: "supervisor" })).toBe(false);
    expect(may.manageStaff({ role: "admin" })).toBe(true);
    expect(may.grantGoodwill({ role: "agent" })).toBe(false);
    expect(may.correctStoredValue({ role: "supervisor" })).toBe(true);
    expect(may.topUpStoredValue({ role: "agent" })).toBe(true);
  });
});
