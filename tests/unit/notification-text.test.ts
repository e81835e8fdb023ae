import { describe, expect, it } from "vitest";
import { renderNotificationText } from "@/lib/domain/notification-text";

const validityEnd = new Date("2026-12-24T15:59:59Z");

describe("SMS templates", () => {
  it("confirm a renewal in each language with the Hong Kong validity date", () => {
    const message = {
      kind: "renewal_confirmation",
      planName: { en: "Monthly 8GB", zh: "月卡 8GB" },
      validityEnd,
      startsAt: new Date(),
      queued: false,
      amountMinor: 9800,
      currency: "HKD",
      renewalId: 9665,
    } as const;
    expect(renderNotificationText(message, "en")).toBe(
      "中港通: Monthly 8GB is active (HK$98.00, receipt R9665). Your card is valid until 2026-12-24 23:59 HKT.",
    );
    expect(renderNotificationText(message, "zh-Hans")).toBe(
      "中港通：月卡 8GB已开通，已付款HK$98.00（收据R9665），卡有效期至2026-12-24 23:59（香港时间）。",
    );
    expect(renderNotificationText(message, "zh-Hant")).toBe(
      "中港通：月卡 8GB已開通，已付款HK$98.00（收據R9665），卡有效期至2026-12-24 23:59（香港時間）。",
    );
  });

  it("name the plan in 繁體 for a 繁體 customer and in 简体 for a 简体 one", () => {
    const message = {
      kind: "renewal_confirmation",
      planName: { en: "Annual", zh: "中港通年卡尊享", zhHant: "中港通年卡尊享（由今日起計）" },
      validityEnd,
      startsAt: new Date(),
      queued: false,
      amountMinor: 9800,
      currency: "HKD",
      renewalId: 1,
    } as const;
    expect(renderNotificationText(message, "zh-Hant")).toContain("中港通：中港通年卡尊享（由今日起計）已開通");
    expect(renderNotificationText(message, "zh-Hans")).toContain("中港通：中港通年卡尊享已开通");
  });

  it("say when a queued period starts", () => {
    const text = renderNotificationText(
      {
        kind: "renewal_confirmation",
        planName: { en: "Quarterly", zh: "季卡" },
        validityEnd,
        startsAt: new Date("2026-11-30T16:00:00Z"),
        queued: true,
        amountMinor: 26800,
        currency: "CNY",
        renewalId: 12,
      },
      "en",
    );
    expect(text).toContain("starts 2026-12-01");
    expect(text).toContain("CN¥268.00, receipt R12");
  });

  it("tell the customer about a void and a coming expiry", () => {
    const voided = { kind: "renewal_voided", validityEnd, amountMinor: 9800, currency: "HKD" } as const;
    expect(renderNotificationText({ ...voided, refundMethod: "fps" }, "zh-Hant")).toContain("HK$98.00已經由轉數快退還");
    expect(renderNotificationText({ ...voided, refundMethod: "cash" }, "en")).toContain("HK$98.00 refunded by cash");
    expect(renderNotificationText({ ...voided, refundMethod: "wechat_pay" }, "zh-Hans")).toContain(
      "已通过微信支付退还",
    );
    expect(renderNotificationText({ kind: "expiry_reminder", validityEnd, inGrace: true }, "en")).toContain(
      "expired on 2026-12-24",
    );
    expect(renderNotificationText({ kind: "expiry_reminder", validityEnd, inGrace: false }, "zh-Hans")).toContain(
      "将于2026-12-24 23:59",
    );
  });
});
