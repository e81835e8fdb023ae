import { describe, expect, it } from "vitest";
import { auditDetails } from "@/lib/audit-details";

const methods: Record<string, string> = { wechat_pay: "微信支付" };
const translate = (key: string, value: string) => (key === "method" ? (methods[value] ?? null) : null);

describe("audit details", () => {
  it("shows a renewal's record in Hong Kong time, with money formatted in its currency and labels translated", () => {
    const after = {
      renewalId: 12,
      validityEnd: "2027-06-09T15:59:59.000Z",
      storedValueHkdMinor: 15000,
      planVersionId: 3,
      priceMinor: 9800,
      currency: "CNY",
      method: "wechat_pay",
      reference: "4200123",
    };
    expect(auditDetails(after, "zh-Hant", translate)).toEqual([
      { key: "validityEnd", value: "2027-06-09 23:59 香港時間" },
      { key: "storedValueHkdMinor", value: "HK$150.00" },
      { key: "priceMinor", value: "CN¥98.00" },
      { key: "method", value: "微信支付" },
      { key: "reference", value: "4200123" },
    ]);
  });

  it("keeps fields it does not know, and reads nothing from a missing or odd record", () => {
    expect(auditDetails({ carrierReference: "CR-1", attempts: 1200 }, "en", () => null)).toEqual([
      { key: "carrierReference", value: "CR-1" },
      { key: "attempts", value: "1,200" },
    ]);
    expect(auditDetails(null, "en", () => null)).toEqual([]);
    expect(auditDetails([1, 2], "en", () => null)).toEqual([]);
  });
});
