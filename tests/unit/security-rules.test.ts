import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";
import { deviceCookieValue, knownDeviceStaffId } from "@/lib/auth/device";
import { maskEmail } from "@/lib/auth/mask";
import { passwordProblem } from "@/lib/auth/password-policy";
import { open, seal } from "@/lib/auth/secret-box";
import { checkTotp, hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode, totpCode } from "@/lib/auth/totp";
import { contentSecurityPolicy, refuseRequest } from "@/lib/security-headers";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("client address", () => {
  it("takes the socket peer with no trusted proxy, whatever X-Forwarded-For claims", () => {
    const h = headers({ "x-socket-address": "::ffff:198.51.100.4", "x-forwarded-for": "203.0.113.77" });
    expect(clientAddress(h, 0)).toBe("198.51.100.4");
  });

  it("behind N trusted proxies, takes the N-th entry from the right and ignores what the client prepended", () => {
    const h = headers({ "x-socket-address": "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.1" });
    expect(clientAddress(h, 1)).toBe("10.0.0.1");
    expect(clientAddress(h, 2)).toBe("198.51.100.4");
  });

  it("falls back to the socket when the chain is shorter than the hops or malformed", () => {
    expect(clientAddress(headers({ "x-socket-address": "10.0.0.2" }), 1)).toBe("10.0.0.2");
    expect(clientAddress(headers({ "x-socket-address": "10.0.0.2", "x-forwarded-for": "<script>" }), 1)).toBe(
      "10.0.0.2",
    );
    expect(clientAddress(headers({}), 0)).toBe("unknown");
  });
});

describe("state-changing requests", () => {
  const same = { host: "desk.example.com", origin: "https://desk.example.com" };
  it("let through a same-origin POST, and every GET", () => {
    expect(refuseRequest("POST", headers(same))).toBeNull();
    expect(refuseRequest("POST", headers({ host: "desk.example.com", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(refuseRequest("GET", headers({}))).toBeNull();
  });

  it("refuse a POST with neither Origin nor Sec-Fetch-Site: same-origin", () => {
    expect(refuseRequest("POST", headers({ host: "desk.example.com" }))).toEqual({ status: 403, reason: "no_origin" });
  });

  it("refuse a cross-site POST with 403", () => {
    expect(refuseRequest("POST", headers({ host: "desk.example.com", origin: "https://evil.example" }))).toEqual({
      status: 403,
      reason: "cross_site",
    });
    expect(refuseRequest("POST", headers({ ...same, "sec-fetch-site": "cross-site" }))).toMatchObject({ status: 403 });
    expect(refuseRequest("POST", headers({ host: "desk.example.com", origin: "null" }))).toMatchObject({ status: 403 });
  });

  it("refuse a body without a declared length (chunked) with 411, before Next reads it", () => {
    expect(refuseRequest("POST", headers({ ...same, "transfer-encoding": "chunked" }))).toEqual({
      status: 411,
      reason: "length_required",
    });
    expect(refuseRequest("POST", headers({ ...same, "content-length": "12" }))).toBeNull();
    expect(refuseRequest("GET", headers({ "transfer-encoding": "chunked" }))).toBeNull();
  });

  it("refuse a declared body over 1 MiB with 413", () => {
    expect(refuseRequest("POST", headers({ ...same, "content-length": String(2 * 1024 * 1024) }))).toEqual({
      status: 413,
      reason: "too_large",
    });
  });
});

describe("content security policy", () => {
  it("runs scripts by nonce only, and forbids plugins, base changes and framing", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false, https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const directive of [
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "upgrade-insecure-requests",
    ])
      expect(csp).toContain(directive);
    expect(contentSecurityPolicy("n", { dev: false, https: false })).not.toContain("upgrade-insecure-requests");
  });
});

describe("password policy", () => {
  it("refuses common, short and over-long passwords and accepts a passphrase", () => {
    expect(passwordProblem("password1234")).toBe("passwordCommon");
    expect(passwordProblem("qwerty123456")).toBe("passwordCommon");
    expect(passwordProblem("abc")).toBe("passwordTooShort");
    expect(passwordProblem("é".repeat(129))).toBe("passwordTooLong");
    expect(passwordProblem("violet harbour tram 1987")).toBeNull();
  });

  it("counts the member's own email and name against the password", () => {
    expect(passwordProblem("chan.taiman2026", ["chan.taiman@example.com", "Chan Tai Man"])).toBe("passwordCommon");
  });
});

describe("known-device cookie", () => {
  it("vouches only for the staff member it was signed for, with this secret", () => {
    const value = deviceCookieValue(42, "secret-a".repeat(5));
    expect(knownDeviceStaffId(value, "secret-a".repeat(5))).toBe(42);
    expect(knownDeviceStaffId(value, "secret-b".repeat(5))).toBeNull();
    expect(knownDeviceStaffId(value.replace(/^42/, "43"), "secret-a".repeat(5))).toBeNull();
    expect(knownDeviceStaffId(undefined, "secret-a".repeat(5))).toBeNull();
  });
});

describe("TOTP and recovery codes", () => {
  it("accepts the current code, the previous step for drift, and nothing at or before the last used step", async () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const now = 1_800_000_000;
    const step = Math.floor(now / 30);
    const current = await totpCode(secret, now);
    const accepted = await checkTotp(secret, current, null);
    // checkTotp uses the real clock: a code minted for another time must fail.
    expect(accepted).toBeNull();
    const live = await totpCode(secret);
    const liveStep = await checkTotp(secret, live, null);
    expect(liveStep).toBe(Math.floor(Date.now() / 1000 / 30));
    expect(await checkTotp(secret, live, liveStep)).toBeNull();
    expect(await checkTotp(secret, "12345", null)).toBeNull();
    expect(step).toBeGreaterThan(0);
  });

  it("makes ten distinct readable codes and normalises what people type", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(normaliseRecoveryCode(" K7M2Q X9TRE ")).toBe("k7m2q-x9tre");
    expect(normaliseRecoveryCode("123456")).toBeNull();
    expect(hashRecoveryCode("k7m2q-x9tre")).not.toContain("k7m2q");
  });

  it("seals secrets so only the same AUTH_SECRET opens them", () => {
    const sealed = seal("TOPSECRET", "a".repeat(40));
    expect(sealed).not.toContain("TOPSECRET");
    expect(open(sealed, "a".repeat(40))).toBe("TOPSECRET");
    expect(open(sealed, "b".repeat(40))).toBeNull();
  });
});

describe("masked emails", () => {
  it("keep two letters and the domain", () => {
    expect(maskEmail("agent@example.com")).toBe("ag***@example.com");
    expect(maskEmail("a@b.co")).toBe("a***@b.co");
    expect(maskEmail("nonsense")).toBe("***");
  });
});
