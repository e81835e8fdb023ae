import { describe, expect, it } from "vitest";
import { generatePassword } from "@/lib/auth/generated-password";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { encodeCursor } from "@/lib/keyset";
import {
  changeStaffRoleSchema,
  createStaffSchema,
  parseStaffListParams,
  resetStaffPasswordSchema,
  setStaffDisabledSchema,
} from "@/lib/validation/staff";

describe("createStaffSchema", () => {
  it("normalises the email and generates a password unless the admin sets one", () => {
    expect(
      createStaffSchema.parse({
        email: "  New.Agent@Example.COM ",
        name: " New Agent ",
        role: "agent",
        mode: "generate",
        password: "ignored",
      }),
    ).toEqual({
      email: "new.agent@example.com",
      name: "New Agent",
      role: "agent",
      password: null,
    });
    expect(
      createStaffSchema.parse({
        email: "a@example.com",
        name: "A",
        role: "admin",
        mode: "set",
        password: "violet harbour tram 1987",
      }),
    ).toMatchObject({
      password: "violet harbour tram 1987",
    });
  });

  it("puts each mistake on its field", () => {
    const result = createStaffSchema.safeParse({
      email: "not-an-email",
      name: "",
      role: "owner",
      mode: "set",
      password: "short",
    });
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      email: "staff.validation.email",
      name: "staff.validation.required",
      role: "staff.validation.role",
      password: "staff.validation.passwordTooShort",
    });
  });

  it("refuses fields the form does not have", () => {
    expect(
      createStaffSchema.safeParse({
        email: "a@example.com",
        name: "A",
        role: "agent",
        mode: "generate",
        sessionVersion: "9",
      }).success,
    ).toBe(false);
  });
});

describe("the other staff forms", () => {
  it("parse ids and flags from form strings", () => {
    expect(changeStaffRoleSchema.parse({ staffId: "12", role: "supervisor" })).toEqual({
      staffId: 12,
      role: "supervisor",
    });
    expect(setStaffDisabledSchema.parse({ staffId: "12", disabled: "true" })).toEqual({ staffId: 12, disabled: true });
    expect(setStaffDisabledSchema.parse({ staffId: "12", disabled: "false" })).toEqual({
      staffId: 12,
      disabled: false,
    });
    expect(setStaffDisabledSchema.safeParse({ staffId: "12", disabled: "yes" }).success).toBe(false);
    expect(resetStaffPasswordSchema.parse({ staffId: "3", mode: "generate" })).toEqual({ staffId: 3, password: null });
    expect(changeStaffRoleSchema.safeParse({ staffId: "-1", role: "agent" }).success).toBe(false);
  });
});

describe("generatePassword", () => {
  it("is long enough, unambiguous and different every time", () => {
    const passwords = new Set(Array.from({ length: 200 }, generatePassword));
    expect(passwords.size).toBe(200);
    for (const password of passwords) {
      expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
    }
  });
});

describe("parseStaffListParams", () => {
  it("keeps known filters and a well-formed cursor, and drops the rest", () => {
    expect(
      parseStaffListParams({ q: " ada ", role: "admin", state: "disabled", after: encodeCursor(["Ada", 4]) }),
    ).toEqual({
      q: "ada",
      role: "admin",
      state: "disabled",
      after: { name: "Ada", id: 4 },
    });
    expect(parseStaffListParams({ role: "owner", state: "gone", after: encodeCursor([4, "Ada"]) })).toEqual({
      q: "",
      role: undefined,
      state: "all",
      after: null,
    });
  });
});
