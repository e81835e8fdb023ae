import { describe, expect, it } from "vitest";
import { isValidReference, normaliseReference } from "@/lib/domain/payment-reference";
import { parseReceiptNumber, receiptNumber } from "@/lib/domain/receipt-number";
import { renewalRequestSchema } from "@/lib/validation/renewal";

describe("payment references", () => {
  it("are compared after trimming, dropping spaces and hyphens, and upper-casing", () => {
    expect(normaliseReference("  frn-1066 0400 ")).toBe("FRN10660400");
    expect(normaliseReference("FRN1066040003")).toBe(normaliseReference("frn1066040003"));
    expect(normaliseReference("4200 0106 6040 001")).toBe("42000106604000" + "1");
  });

  it("are valid as 4–64 letters and digits with _ / . inside", () => {
    expect(isValidReference("FRN1")).toBe(true);
    expect(isValidReference("BT/2026.11_01")).toBe(true);
    expect(isValidReference("FR1")).toBe(false);
    expect(isValidReference("FRN#1")).toBe(false);
    expect(isValidReference("frn1")).toBe(false);
  });

  it("reach the renewal check normalised from the form", () => {
    const parsed = renewalRequestSchema.parse({
      cardId: 1,
      planVersionId: 2,
      method: "wechat_pay",
      currency: "HKD",
      reference: "4200 0106 6040 001",
      smsMsisdn: "+85291234567",
      smsLanguage: "en",
    });
    expect(parsed.reference).toBe("420001066040001");
    expect(parsed.acknowledgeRecentRenewal).toBe(false);
    const blank = renewalRequestSchema.safeParse({ ...parsed, reference: " - " });
    expect(blank.success && blank.data.reference).toBeNull();
    const bad = renewalRequestSchema.safeParse({ ...parsed, reference: "fr#1066" });
    expect(bad.success).toBe(false);
  });
});

describe("receipt numbers", () => {
  it("print as R<id> and are read back with or without # and in any case", () => {
    expect(receiptNumber(9665)).toBe("R9665");
    expect(parseReceiptNumber("R9665")).toBe(9665);
    expect(parseReceiptNumber("#R9665")).toBe(9665);
    expect(parseReceiptNumber(" r9665 ")).toBe(9665);
    expect(parseReceiptNumber("R")).toBeNull();
    expect(parseReceiptNumber("9665")).toBeNull();
    expect(parseReceiptNumber("R99999999999")).toBeNull();
    expect(parseReceiptNumber("R0")).toBeNull();
  });
});
