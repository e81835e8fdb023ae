import { describe, expect, it } from "vitest";
import { quoteGoodwill } from "@/lib/domain/goodwill";
import { referenceUsedRefusal } from "@/lib/domain/payment-step";
import { correctedBalance } from "@/lib/domain/stored-value";
import { formatQueue, nextInQueue, parseQueue } from "@/lib/domain/worklist-queue";
import { contactLogSchema, correctionSchema, profileSchema, realNameSchema, topUpSchema } from "@/lib/validation/desk";

const now = new Date("2026-12-01T04:00:00Z"); // 12:00 in Hong Kong
const end = (day: string) => new Date(`${day}T15:59:59.000Z`); // 23:59:59 HKT that day
const quote = (validityEnd: Date, days: number, recentCount = 0) =>
  quoteGoodwill({ now, card: { validityEnd, suspendedAt: null }, days, recentCount, graceDays: 30, capYears: 2 });

describe("quoteGoodwill", () => {
  it("moves the end by N Hong Kong days, still at 23:59:59", () => {
    expect(quote(end("2026-12-10"), 7)).toMatchObject({ newValidityEnd: end("2026-12-17"), refusals: [] });
  });

  it("extends a card in grace when the new end is in the future", () => {
    expect(quote(end("2026-11-25"), 10).refusals).toEqual([]);
  });

  it("refuses an end that would still be in the past", () => {
    expect(quote(end("2026-11-10"), 5).refusals).toEqual([{ code: "still_in_past", newEnd: end("2026-11-15") }]);
  });

  it.each([0, 31, 2.5])("refuses %s days", (days) => {
    expect(quote(end("2026-12-10"), days).refusals).toEqual([{ code: "days_out_of_range", min: 1, max: 30 }]);
  });

  it("refuses a third within the window", () => {
    expect(quote(end("2026-12-10"), 3, 2).refusals).toEqual([{ code: "limit_reached", limit: 2, windowDays: 365 }]);
    expect(quote(end("2026-12-10"), 3, 1).refusals).toEqual([]);
  });

  it("applies the renewal's cap: the last valid Hong Kong day at most today's date plus 2 calendar years", () => {
    expect(quote(end("2028-11-25"), 10).refusals).toEqual([
      { code: "cap_exceeded", capYears: 2, capEnd: end("2028-12-01") },
    ]);
    expect(quote(end("2028-11-21"), 10).refusals).toEqual([]);
    expect(quote(end("2028-11-22"), 10).refusals).toEqual([
      { code: "cap_exceeded", capYears: 2, capEnd: end("2028-12-01") },
    ]);
  });

  it("refuses an expired card", () => {
    expect(quote(end("2026-09-01"), 30).refusals).toEqual([{ code: "card_expired" }]);
  });
});

describe("stored value and payments", () => {
  it("never corrects below zero", () => {
    expect(correctedBalance(500, -500)).toBe(0);
    expect(correctedBalance(500, -501)).toBeNull();
    expect(correctedBalance(500, 100)).toBe(600);
  });

  it("names the renewal that used a reference, or the other payment", () => {
    expect(referenceUsedRefusal({ paymentId: 9, purpose: "renewal", renewalId: 4 })).toEqual({
      code: "reference_used",
      renewalId: 4,
    });
    expect(referenceUsedRefusal({ paymentId: 9, purpose: "top_up", renewalId: null })).toEqual({
      code: "reference_used_other",
      paymentId: 9,
      purpose: "top_up",
    });
  });
});

const key = "5b1e5a3e-8f7c-4a53-9d63-0b2b7c1f9a10";
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

describe("desk form schemas", () => {
  it("takes a top-up of HK$10 to HK$2,000 and refuses stored value as the method", () => {
    expect(
      topUpSchema.parse({ cardId: "1", amount: "200", method: "fps", reference: "FRN123", idempotencyKey: key }),
    ).toMatchObject({
      amount: 20_000,
    });
    expect(issues(topUpSchema.safeParse({ cardId: "1", amount: "9.99", method: "fps", idempotencyKey: key }))).toEqual([
      ["amount", "desk.topUp.errors.amount"],
    ]);
    expect(
      issues(topUpSchema.safeParse({ cardId: "1", amount: "2000.01", method: "cash", idempotencyKey: key })),
    ).toEqual([["amount", "desk.topUp.errors.amount"]]);
    expect(
      issues(topUpSchema.safeParse({ cardId: "1", amount: "50", method: "stored_value", idempotencyKey: key })),
    ).toEqual([["method", "desk.topUp.errors.method"]]);
  });

  it("requires a correction's reason and caps its note", () => {
    expect(
      issues(
        correctionSchema.safeParse({ cardId: "1", direction: "add", amount: "5", reason: " ", idempotencyKey: key }),
      ),
    ).toEqual([["reason", "desk.errors.reasonRequired"]]);
    expect(
      issues(
        correctionSchema.safeParse({
          cardId: "1",
          direction: "add",
          amount: "5",
          reason: "r",
          note: "x".repeat(501),
          idempotencyKey: key,
        }),
      ),
    ).toEqual([["note", "desk.errors.noteTooLong"]]);
  });

  it("refuses a malformed email or number on a profile, and normalises good ones", () => {
    const base = { customerId: "1", lockVersion: "1", nameEn: "Chan", preferredLanguage: "en" };
    expect(issues(profileSchema.safeParse({ ...base, email: "chan@" }))).toEqual([
      ["email", "desk.profile.errors.email"],
    ]);
    expect(issues(profileSchema.safeParse({ ...base, contactPhone: "12345" }))).toEqual([
      ["contactPhone", "desk.profile.errors.phone"],
    ]);
    expect(profileSchema.parse({ ...base, email: "Chan@Example.com", contactPhone: "9123 4567" })).toMatchObject({
      email: "chan@example.com",
      contactPhone: "+85291234567",
    });
    expect(issues(profileSchema.safeParse({ ...base, nameEn: "" }))).toEqual([
      ["nameEn", "desk.profile.errors.nameRequired"],
    ]);
  });

  it("keeps only the last four characters of a document and needs a deadline for pending", () => {
    expect(
      issues(realNameSchema.safeParse({ numberId: "1", status: "verified", document: "hkid", last4: "A1234567" })),
    ).toEqual([["last4", "desk.realName.errors.last4"]]);
    expect(realNameSchema.parse({ numberId: "1", status: "verified", document: "hkid", last4: "123a" }).last4).toBe(
      "123A",
    );
    expect(issues(realNameSchema.safeParse({ numberId: "1", status: "pending" }))).toEqual([
      ["deadline", "desk.realName.errors.deadlineRequired"],
    ]);
  });

  it("needs a time for a call back", () => {
    expect(issues(contactLogSchema.safeParse({ customerId: "1", channel: "phone", outcome: "call_back" }))).toEqual([
      ["callBackAt", "desk.contacts.errors.callBackAt"],
    ]);
  });
});

describe("the worklist queue", () => {
  it("carries the rows after this one and drops anything malformed", () => {
    const queue = formatQueue([
      { customerId: 1, cardId: 2 },
      { customerId: 3, cardId: 4 },
    ]);
    expect(queue).toBe("1-2.3-4");
    expect(parseQueue(`${queue}.x-1.5-0`)).toEqual([
      { customerId: 1, cardId: 2 },
      { customerId: 3, cardId: 4 },
    ]);
    expect(nextInQueue(parseQueue(queue))).toEqual({
      card: { customerId: 1, cardId: 2 },
      href: "/customers/1/cards/2/renew?queue=3-4",
    });
    expect(nextInQueue([])).toBeNull();
  });
});
