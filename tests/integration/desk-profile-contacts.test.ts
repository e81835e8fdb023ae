import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError, PreconditionError } from "@/db/errors";
import { grantGoodwill } from "@/db/mutations/grant-goodwill";
import { logContact, type ContactLogInput } from "@/db/mutations/log-contact";
import { renewCard } from "@/db/mutations/renew-card";
import { updateCustomerProfile, type ProfileInput } from "@/db/mutations/update-customer-profile";
import { updateRealName } from "@/db/mutations/update-real-name";
import { checkRenewal } from "@/db/queries/renewals";
import { listCustomerTimeline } from "@/db/queries/timeline";
import { auditLog, cardNumbers, customers } from "@/db/schema";
import { randomUUID } from "node:crypto";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import { deskFootprint } from "../helpers/desk-footprint";
import { createCustomerWithCard, createPlan, createStaff, renewInput, rules } from "../helpers/factories";
import { raceAtAudit } from "../helpers/race";

async function setup() {
  const { db } = testDb();
  const agent = await createStaff(db, { name: "Agent Chan" });
  const created = await createCustomerWithCard(db, { validityEnd: hkEnd(10) });
  return { db, agent, ...created };
}

async function profileOf(db: ReturnType<typeof testDb>["db"], customerId: number): Promise<ProfileInput> {
  const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
  return {
    customerId,
    lockVersion: row!.lockVersion,
    nameZh: row!.nameZh,
    nameEn: row!.nameEn,
    email: row!.email,
    contactPhone: row!.contactPhone,
    preferredLanguage: row!.preferredLanguage,
  };
}

describe("updateCustomerProfile", () => {
  it("saves the change, bumps the version and audits only what changed, before and after", async () => {
    const s = await setup();
    const form = await profileOf(s.db, s.customerId);
    const saved = await updateCustomerProfile(
      { ...form, preferredLanguage: "en", email: "new@example.test", context: { ticketRef: "ZD-9" } },
      s.agent,
      s.db,
    );
    expect(saved).toEqual({ lockVersion: form.lockVersion + 1, changed: ["email", "preferredLanguage"] });
    const [audit] = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.ticketRef, "ZD-9"), eq(auditLog.customerId, s.customerId)));
    expect(audit).toMatchObject({
      action: "customer.profile",
      customerId: s.customerId,
      before: { email: form.email, preferredLanguage: "zh-Hant" },
      after: { email: "new@example.test", preferredLanguage: "en" },
    });
  });

  it("refuses a stale form, naming who changed it since, and writes nothing", async () => {
    const s = await setup();
    const form = await profileOf(s.db, s.customerId);
    await updateCustomerProfile({ ...form, nameEn: "Chan Tai Man" }, s.agent, s.db);
    const other = await createStaff(s.db, { name: "Agent Wong" });
    const before = await deskFootprint(s.db, s.cardId);
    const error = await updateCustomerProfile({ ...form, nameEn: "Chan T M" }, other, s.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "desk.profile.errors.stale", params: { name: "Agent Chan" } });
    expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
  });

  it("lets one of two edits racing from the same form through", async () => {
    const s = await setup();
    const form = await profileOf(s.db, s.customerId);
    const results = await raceAtAudit(process.env.DATABASE_URL!, [
      (db) => updateCustomerProfile({ ...form, nameEn: "First" }, s.agent, db),
      (db) => updateCustomerProfile({ ...form, nameEn: "Second" }, s.agent, db),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("does not change a contact number that is on a live card of the customer", async () => {
    const s = await setup();
    await s.db.update(customers).set({ contactPhone: s.msisdn }).where(eq(customers.id, s.customerId));
    const form = await profileOf(s.db, s.customerId);
    const before = await deskFootprint(s.db, s.cardId);
    await expect(updateCustomerProfile({ ...form, contactPhone: "+85251234567" }, s.agent, s.db)).rejects.toMatchObject(
      { code: "desk.profile.errors.numberOnCard", field: "contactPhone" },
    );
    expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
  });

  it("makes the next SMS use the new preferred language", async () => {
    const s = await setup();
    const supervisor = await createStaff(s.db, { role: "supervisor" });
    await updateCustomerProfile({ ...(await profileOf(s.db, s.customerId)), preferredLanguage: "en" }, s.agent, s.db);
    await grantGoodwill(
      { idempotencyKey: randomUUID(), cardId: s.cardId, days: 2, reasonCode: "complaint", reason: "r" },
      supervisor,
      rules,
      s.db,
    );
    const [row] = await s.db.execute<{ language: string; body: string }>(sqlNotification(s.cardId));
    expect(row).toMatchObject({ language: "en" });
    expect(row!.body).toMatch(/^中港通: we have added 2 days/);
  });
});

function sqlNotification(cardId: number) {
  return sql`select language, body from notifications where card_id = ${cardId} order by id desc limit 1`;
}

describe("updateRealName", () => {
  it("records status, document type and the last four characters, and the renewal review warns", async () => {
    const s = await setup();
    const [number] = await s.db.select().from(cardNumbers).where(eq(cardNumbers.cardId, s.cardId));
    const deadline = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await updateRealName(
      { numberId: number!.id, status: "pending", document: "home_return_permit", last4: "123A", deadline },
      s.agent,
      {},
      s.db,
    );
    const [after] = await s.db.select().from(cardNumbers).where(eq(cardNumbers.id, number!.id));
    expect(after).toMatchObject({
      realNameStatus: "pending",
      realNameDocument: "home_return_permit",
      realNameDocumentLast4: "123A",
    });
    expect(after!.realNameDeadline).not.toBeNull();

    const { planVersionId } = await createPlan(s.db);
    const check = await checkRenewal(
      await renewInput(s.db, s.cardId, planVersionId),
      { ...rules, now: new Date() },
      {},
      s.db,
    );
    expect(check.quote!.warnings).toContain("sms_real_name_pending");

    await updateRealName(
      { numberId: number!.id, status: "failed", document: null, last4: null, deadline: null },
      s.agent,
      {},
      s.db,
    );
    const again = await checkRenewal(
      await renewInput(s.db, s.cardId, planVersionId),
      { ...rules, now: new Date() },
      {},
      s.db,
    );
    expect(again.quote!.warnings).toContain("sms_real_name_failed");
    // A warning never refuses: the renewal still goes through.
    await renewCard(await renewInput(s.db, s.cardId, planVersionId), s.agent, rules, s.db);
  });

  it("refuses a pending status whose deadline has passed, and a full document number in the database", async () => {
    const s = await setup();
    const [number] = await s.db.select().from(cardNumbers).where(eq(cardNumbers.cardId, s.cardId));
    const before = await deskFootprint(s.db, s.cardId);
    await expect(
      updateRealName(
        { numberId: number!.id, status: "pending", document: null, last4: null, deadline: "2020-01-01" },
        s.agent,
        {},
        s.db,
      ),
    ).rejects.toBeInstanceOf(PreconditionError);
    await expect(
      updateRealName(
        { numberId: number!.id, status: "verified", document: "hkid", last4: "A1234567", deadline: null },
        s.agent,
        {},
        s.db,
      ),
    ).rejects.toMatchObject({ cause: { constraint_name: "card_numbers_real_name_last4" } });
    expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
  });
});

describe("contact log and timeline", () => {
  const contact = (
    s: { customerId: number; cardId: number },
    overrides: Partial<ContactLogInput> = {},
  ): ContactLogInput => ({
    customerId: s.customerId,
    cardId: s.cardId,
    channel: "phone",
    outcome: "reached",
    callBackAt: null,
    note: null,
    ticketRef: null,
    ...overrides,
  });

  it("logs outcomes with who and when, and refuses a call-back in the past", async () => {
    const s = await setup();
    const later = new Date(Date.now() + 3_600_000);
    await logContact(contact(s, { outcome: "call_back", callBackAt: later, note: "after 6pm" }), s.agent, {}, s.db);
    const before = await deskFootprint(s.db, s.cardId);
    await expect(
      logContact(contact(s, { outcome: "call_back", callBackAt: new Date(Date.now() - 1000) }), s.agent, {}, s.db),
    ).rejects.toMatchObject({ code: "desk.contacts.errors.callBackPast", field: "callBackAt" });
    await expect(logContact(contact(s, { cardId: 2_000_000_000 }), s.agent, {}, s.db)).rejects.toMatchObject({
      code: "desk.contacts.errors.notFound",
    });
    expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
  });

  it("merges contacts, renewals, goodwill and other audit entries newest first, keyset-paged without gaps or repeats", async () => {
    const s = await setup();
    const supervisor = await createStaff(s.db, { role: "supervisor" });
    const { planVersionId } = await createPlan(s.db);
    await logContact(contact(s, { outcome: "no_answer" }), s.agent, {}, s.db);
    const { renewalId } = await renewCard(await renewInput(s.db, s.cardId, planVersionId), s.agent, rules, s.db);
    await grantGoodwill(
      { idempotencyKey: randomUUID(), cardId: s.cardId, days: 3, reasonCode: "complaint", reason: "slow data" },
      supervisor,
      rules,
      s.db,
    );
    await updateCustomerProfile({ ...(await profileOf(s.db, s.customerId)), nameEn: "Renamed" }, s.agent, s.db);
    await logContact(contact(s, { outcome: "promised_to_renew" }), s.agent, {}, s.db);

    const all = await listCustomerTimeline({ customerId: s.customerId, after: null, limit: 50 }, s.db);
    expect(all.entries.map((e) => [e.kind, e.detail.outcome ?? e.detail.action ?? null])).toEqual([
      ["contact", "promised_to_renew"],
      ["audit", "customer.profile"],
      ["goodwill", null],
      ["renewal", null],
      ["contact", "no_answer"],
    ]);
    expect(all.entries[3]!.id).toBe(renewalId);
    expect(all.entries[0]!.staffName).toBe("Agent Chan");

    const paged = [];
    let after = null;
    for (let page = 0; page < 10; page++) {
      const result: Awaited<ReturnType<typeof listCustomerTimeline>> = await listCustomerTimeline(
        { customerId: s.customerId, after, limit: 2 },
        s.db,
      );
      paged.push(...result.entries);
      if (!result.next) break;
      after = result.next;
    }
    expect(paged.map((e) => `${e.kind}:${e.id}`)).toEqual(all.entries.map((e) => `${e.kind}:${e.id}`));
  });
});
