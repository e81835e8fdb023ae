import { describe, expect, it } from "vitest";
import { deriveCardState, daysLeft } from "@/lib/domain/card-state";
import { isLocale, resolveLocale } from "@/lib/i18n/config";
import { hasRole } from "@/lib/domain/permissions";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { signInSchema } from "@/lib/validation/auth";

describe("roles", () => {
  it("nests agent < supervisor < admin", () => {
    expect(hasRole("admin", "supervisor")).toBe(true);
    expect(hasRole("supervisor", "agent")).toBe(true);
    expect(hasRole("agent", "supervisor")).toBe(false);
    expect(hasRole("supervisor", "admin")).toBe(false);
  });
});

describe("signInSchema", () => {
  it("normalises the email", () => {
    expect(signInSchema.parse({ email: "  Agent@Example.COM ", password: "x" })).toEqual({
      email: "agent@example.com",
      password: "x",
    });
  });
  it.each([
    [{ email: "not-an-email", password: "x" }],
    [{ email: "a@b.co", password: "" }],
    [{ email: "a@b.co" }],
    [{ email: `${"a".repeat(300)}@example.com`, password: "x" }],
  ])("refuses %j", (input) => {
    expect(signInSchema.safeParse(input).success).toBe(false);
  });
});

describe("callback paths after sign-in", () => {
  it("follows same-site paths only", () => {
    expect(safeCallbackPath("/customers?q=9123")).toBe("/customers?q=9123");
    expect(safeCallbackPath("https://evil.example/")).toBe("/customers");
    expect(safeCallbackPath("//evil.example/")).toBe("/customers");
    expect(safeCallbackPath("/\\evil.example")).toBe("/customers");
    expect(safeCallbackPath("/login")).toBe("/customers");
    expect(safeCallbackPath(undefined)).toBe("/customers");
  });
});

describe("locale resolution", () => {
  it("prefers the remembered cookie, then the browser's language", () => {
    expect(resolveLocale("zh-Hans", "en-GB")).toBe("zh-Hans");
    expect(resolveLocale("zh-Hant", "zh-CN")).toBe("zh-Hant");
    expect(resolveLocale("fr", "en-US")).toBe("en");
    expect(resolveLocale(undefined, null)).toBe("en");
    expect(isLocale("zh-Hant")).toBe(true);
    expect(isLocale("zh-TW")).toBe(false);
  });

  it("chooses 繁體 for Hong Kong, Taiwan and Macau browsers and 简体 for other Chinese ones", () => {
    expect(resolveLocale(undefined, "zh-HK,zh;q=0.9,en;q=0.8")).toBe("zh-Hant");
    expect(resolveLocale(undefined, "zh-TW")).toBe("zh-Hant");
    expect(resolveLocale(undefined, "zh-MO,en;q=0.5")).toBe("zh-Hant");
    expect(resolveLocale(undefined, "zh-Hant")).toBe("zh-Hant");
    expect(resolveLocale(undefined, "zh-Hans-HK")).toBe("zh-Hans");
    expect(resolveLocale(undefined, "zh-Hant-CN")).toBe("zh-Hant");
    expect(resolveLocale(undefined, "zh-CN,zh-HK;q=0.9")).toBe("zh-Hans");
    expect(resolveLocale(undefined, "zh-SG")).toBe("zh-Hans");
    expect(resolveLocale(undefined, "zh")).toBe("zh-Hans");
  });

  it("follows the browser's weights, not only its order", () => {
    expect(resolveLocale(undefined, "en;q=0.4,zh-HK;q=0.8")).toBe("zh-Hant");
    expect(resolveLocale(undefined, "fr-FR,en-GB;q=0.9,zh-TW;q=0.8")).toBe("en");
    expect(resolveLocale(undefined, "zh-HK;q=0,en")).toBe("en");
  });
});

describe("card state", () => {
  const now = new Date("2026-11-25T04:00:00Z");
  const end = (iso: string) => ({ validityEnd: new Date(iso), suspendedAt: null });

  it("is active up to and including the validity end", () => {
    expect(deriveCardState(end("2026-11-25T15:59:59Z"), now, 30).state).toBe("active");
    expect(deriveCardState(end("2026-11-25T04:00:00Z"), now, 30).state).toBe("active");
  });

  it("is in grace for the grace window after the end, and renewable", () => {
    const info = deriveCardState(end("2026-11-20T15:59:59Z"), now, 30);
    expect(info).toMatchObject({ state: "grace", renewable: true });
    expect(info.graceEndsAt.toISOString()).toBe("2026-12-20T15:59:59.000Z");
  });

  it("is expired past the grace window, and not renewable", () => {
    expect(deriveCardState(end("2026-10-26T03:59:59Z"), now, 30)).toMatchObject({ state: "expired", renewable: false });
  });

  it("is suspended whatever the dates say", () => {
    expect(
      deriveCardState({ validityEnd: new Date("2027-01-01T00:00:00Z"), suspendedAt: new Date() }, now, 30),
    ).toMatchObject({
      state: "suspended",
      renewable: false,
    });
  });

  it("counts whole days left, rounding up", () => {
    expect(daysLeft(new Date("2026-11-26T04:00:00Z"), now)).toBe(1);
    expect(daysLeft(new Date("2026-11-26T04:00:01Z"), now)).toBe(2);
    expect(daysLeft(new Date("2026-11-24T04:00:00Z"), now)).toBe(0);
  });
});
