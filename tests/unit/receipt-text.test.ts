import { describe, expect, it } from "vitest";
import { customerReceiptLines, maskMsisdn } from "@/lib/domain/receipt-text";

const receipt = {
  renewalId: 9665,
  createdAt: new Date("2026-11-30T16:30:00Z"),
  planName: { en: "Monthly 8GB", zh: "月卡 8GB" },
  amountMinor: 9800,
  currency: "HKD" as const,
  method: "fps" as const,
  reference: "FRN1066040003",
  iccid: "89852000000000000018",
  msisdn: "+85291234567",
  validityEnd: new Date("2026-12-30T15:59:59Z"),
  status: "activated" as const,
};

describe("the customer's receipt", () => {
  it("is written in the customer's language with company, amount, method, reference, number, card and masked number", () => {
    const zhHant = customerReceiptLines(receipt, "zh-Hant");
    expect(zhHant.company.name).toBe("中港通流動服務");
    expect(zhHant.title).toBe("收據");
    expect(zhHant.rows).toEqual([
      ["收據編號", "R9665"],
      ["日期", "2026-12-01 00:30 HKT"],
      ["套餐", "月卡 8GB"],
      ["已付金額", "HK$98.00"],
      ["付款方式", "轉數快"],
      ["付款參考號", "FRN1066040003"],
      ["卡號（ICCID）", "89852000000000000018"],
      ["號碼", "+852 ••••4567"],
      ["有效期至", "2026-12-30 23:59 HKT"],
    ]);
    expect(customerReceiptLines(receipt, "en").rows[4]).toEqual(["Payment method", "FPS"]);
    const named = { ...receipt, planName: { en: "Monthly", zh: "月卡（简）", zhHant: "月卡（繁）" } };
    expect(customerReceiptLines(named, "zh-Hant").rows[2]).toEqual(["套餐", "月卡（繁）"]);
    expect(customerReceiptLines(named, "zh-Hans").rows[2]).toEqual(["套餐", "月卡（简）"]);
    expect(customerReceiptLines({ ...receipt, method: "cash", reference: null }, "zh-Hans").rows).not.toContainEqual(
      expect.arrayContaining(["付款参考号"]),
    );
  });

  it("masks a number to its country code and last four digits", () => {
    expect(maskMsisdn("+8613812345678")).toBe("+86 ••••5678");
  });
});
