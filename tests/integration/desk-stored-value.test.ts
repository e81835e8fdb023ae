import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, PreconditionError } from "@/db/errors";
import { correctStoredValue } from "@/db/mutations/correct-stored-value";
import { topUpStoredValue, type TopUpInput } from "@/db/mutations/top-up-stored-value";
import { auditLog, cards, notifications, payments, storedValueLedger } from "@/db/schema";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import { deskFootprint } from "../helpers/desk-footprint";
import { createCustomerWithCard, createRenewal, createPlan, createStaff, newReference } from "../helpers/factories";
import { raceAtAudit } from "../helpers/race";

const options = { graceDays: 30 };

async function setup(card: Parameters<typeof createCustomerWithCard>[1] = {}) {
  const { db } = testDb();
  const agent = await createStaff(db);
  const supervisor = await createStaff(db, { role: "supervisor" });
  const created = await createCustomerWithCard(db, { validityEnd: hkEnd(10), storedValue: 5_000, ...card });
  return { db, agent, supervisor, ...created };
}

const topUp = (cardId: number, overrides: Partial<TopUpInput> = {}): TopUpInput => ({
  idempotencyKey: randomUUID(),
  cardId,
  amountMinor: 20_000,
  method: "fps",
  reference: newReference(),
  ...overrides,
});

describe("topUpStoredValue", () => {
  it("records a top-up payment, a ledger row pointing at it, the balance, an SMS and the audit row", async () => {
    const s = await setup();
    const input = topUp(s.cardId, { context: { ticketRef: "WX-1", channel: "wechat" } });
    const { paymentId, replayed } = await topUpStoredValue(input, s.agent, options, s.db);
    expect(replayed).toBe(false);
    const [payment] = await s.db.select().from(payments).where(eq(payments.id, paymentId));
    expect(payment).toMatchObject({
      purpose: "top_up",
      cardId: s.cardId,
      renewalId: null,
      method: "fps",
      reference: input.reference,
      amountMinor: 20_000,
      currency: "HKD",
      receivedBy: s.agent.id,
    });
    const ledger = await s.db.select().from(storedValueLedger).where(eq(storedValueLedger.cardId, s.cardId));
    expect(ledger).toMatchObject([{ deltaMinor: 20_000, balanceAfterMinor: 25_000, reason: "top_up", paymentId }]);
    const [card] = await s.db.select({ balance: cards.storedValueHkdMinor }).from(cards).where(eq(cards.id, s.cardId));
    expect(card!.balance).toBe(25_000);
    const [sms] = await s.db.select().from(notifications).where(eq(notifications.cardId, s.cardId));
    expect(sms).toMatchObject({ kind: "stored_value_top_up", language: "zh-Hant" });
    expect(sms!.body).toContain("HK$200.00");
    const [audit] = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.ticketRef, "WX-1"), eq(auditLog.customerId, s.customerId)));
    expect(audit).toMatchObject({
      action: "card.top_up",
      customerId: s.customerId,
      before: { storedValueHkdMinor: 5_000 },
      contactChannel: "wechat",
    });
  });

  it("tops up exactly once per idempotency key, even when the same submit races itself", async () => {
    const s = await setup();
    const input = topUp(s.cardId);
    const results = await raceAtAudit(process.env.DATABASE_URL!, [
      (db) => topUpStoredValue(input, s.agent, options, db),
      (db) => topUpStoredValue(input, s.agent, options, db),
    ]);
    const values = results.map((r) => (r.status === "fulfilled" ? r.value : null));
    expect(values.map((v) => v?.replayed).sort()).toEqual([false, true]);
    expect(new Set(values.map((v) => v?.paymentId)).size).toBe(1);
    const [card] = await s.db.select({ balance: cards.storedValueHkdMinor }).from(cards).where(eq(cards.id, s.cardId));
    expect(card!.balance).toBe(25_000);
  });

  it("takes cash with no reference", async () => {
    const s = await setup();
    const { paymentId } = await topUpStoredValue(
      topUp(s.cardId, { method: "cash", reference: null }),
      s.agent,
      options,
      s.db,
    );
    const [payment] = await s.db.select().from(payments).where(eq(payments.id, paymentId));
    expect(payment).toMatchObject({ method: "cash", reference: null });
  });

  describe("refuses, writing nothing", () => {
    it.each([
      ["HK$9.99", { amountMinor: 999 }, "desk.topUp.errors.amountRange"],
      ["HK$2,000.01", { amountMinor: 200_001 }, "desk.topUp.errors.amountRange"],
      ["an electronic method without a reference", { reference: null }, "renewal.reference_required"],
    ] as const)("%s", async (_name, overrides, code) => {
      const s = await setup();
      const before = await deskFootprint(s.db, s.cardId);
      const error = await topUpStoredValue(topUp(s.cardId, overrides), s.agent, options, s.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PreconditionError);
      expect(error).toMatchObject({ code });
      expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
    });

    it("an expired card (its stored value is gone)", async () => {
      const s = await setup({ validityEnd: hkEnd(-45) });
      const before = await deskFootprint(s.db, s.cardId);
      await expect(topUpStoredValue(topUp(s.cardId), s.agent, options, s.db)).rejects.toMatchObject({
        code: "desk.topUp.errors.cardExpired",
      });
      expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
    });

    it("a reference a renewal already used with that method, naming the renewal", async () => {
      const s = await setup();
      const { planVersionId } = await createPlan(s.db);
      const reference = newReference();
      const renewal = await createRenewal(s.db, { planVersionId, method: "fps", reference });
      const before = await deskFootprint(s.db, s.cardId);
      const error = await topUpStoredValue(topUp(s.cardId, { reference }), s.agent, options, s.db).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({
        code: "renewal.reference_used",
        params: { renewalId: renewal.id },
        field: "reference",
      });
      expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
    });

    it("two top-ups racing with one reference: one lands, the other names it", async () => {
      const s = await setup();
      const reference = newReference();
      const results = await raceAtAudit(process.env.DATABASE_URL!, [
        (db) => topUpStoredValue(topUp(s.cardId, { reference }), s.agent, options, db),
        (db) => topUpStoredValue(topUp(s.cardId, { reference, amountMinor: 30_000 }), s.agent, options, db),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost[0]!.reason).toMatchObject({ code: "renewal.reference_used_other", params: { purpose: "top_up" } });
      expect(await s.db.select().from(payments).where(eq(payments.reference, reference))).toHaveLength(1);
    });
  });
});

describe("correctStoredValue", () => {
  it("adds or takes away with a reason, in the ledger and the audit row", async () => {
    const s = await setup();
    const minus = await correctStoredValue(
      { idempotencyKey: randomUUID(), cardId: s.cardId, deltaMinor: -1_500, reason: "double top-up on 3 Nov" },
      s.supervisor,
      s.db,
    );
    expect(minus.balanceMinor).toBe(3_500);
    const [ledger] = await s.db.select().from(storedValueLedger).where(eq(storedValueLedger.id, minus.ledgerId));
    expect(ledger).toMatchObject({
      deltaMinor: -1_500,
      balanceAfterMinor: 3_500,
      reason: "adjustment",
      paymentId: null,
    });
    const [audit] = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "card.stored_value_correction"), eq(auditLog.entityId, String(s.cardId))));
    expect(audit).toMatchObject({ reason: "double top-up on 3 Nov", actorStaffId: s.supervisor.id });
  });

  it("refuses to go below zero, an agent, and a blank reason, writing nothing", async () => {
    const s = await setup();
    const before = await deskFootprint(s.db, s.cardId);
    const input = { idempotencyKey: randomUUID(), cardId: s.cardId, deltaMinor: -5_001, reason: "fix" };
    await expect(correctStoredValue(input, s.supervisor, s.db)).rejects.toMatchObject({
      code: "desk.storedValue.errors.belowZero",
      field: "amount",
    });
    await expect(correctStoredValue({ ...input, deltaMinor: 100 }, s.agent, s.db)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      correctStoredValue({ ...input, deltaMinor: 100, reason: "  " }, s.supervisor, s.db),
    ).rejects.toMatchObject({
      code: "desk.errors.reasonRequired",
    });
    expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
  });

  it("takes the whole balance to exactly zero", async () => {
    const s = await setup();
    const result = await correctStoredValue(
      { idempotencyKey: randomUUID(), cardId: s.cardId, deltaMinor: -5_000, reason: "forfeit" },
      s.supervisor,
      s.db,
    );
    expect(result.balanceMinor).toBe(0);
  });
});
