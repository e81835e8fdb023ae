import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/db/errors";
import { renewCard } from "@/db/mutations/renew-card";
import { voidRenewal } from "@/db/mutations/void-renewal";
import {
  auditLog,
  cards,
  notifications,
  periods,
  refunds,
  renewalDailyStats,
  renewals,
  storedValueLedger,
} from "@/db/schema";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, renewInput, rules } from "../helpers/factories";

async function scheduledRenewal(options: { storedValue?: number; method?: "stored_value" | "fps" } = {}) {
  const { db } = testDb();
  const agent = await createStaff(db);
  const supervisor = await createStaff(db, { role: "supervisor" });
  const { cardId } = await createCustomerWithCard(db, {
    validityEnd: hkEnd(10),
    storedValue: options.storedValue ?? 0,
  });
  const { planId, planVersionId } = await createPlan(db);
  const method = options.method ?? "fps";
  const { renewalId } = await renewCard(
    await renewInput(db, cardId, planVersionId, {
      method,
      reference: method === "fps" ? `FRN-${Date.now()}-${Math.random()}` : null,
    }),
    agent,
    rules,
    db,
  );
  return { db, agent, supervisor, cardId, planId, renewalId };
}

describe("voidRenewal", () => {
  it("restores validity, data and stored value, records the refund, tells the customer and audits it", async () => {
    const { db, agent, supervisor, cardId, planId, renewalId } = await scheduledRenewal({
      storedValue: 20000,
      method: "stored_value",
    });
    const [before] = await db.select({ balance: cards.storedValueHkdMinor }).from(cards).where(eq(cards.id, cardId));
    expect(before!.balance).toBe(10200);

    await voidRenewal({ renewalId, reason: "Customer paid twice by mistake" }, supervisor, {}, db);

    const [card] = await db
      .select({ validityEnd: cards.validityEnd, balance: cards.storedValueHkdMinor })
      .from(cards)
      .where(eq(cards.id, cardId));
    expect(card).toEqual({ validityEnd: hkEnd(10), balance: 20000 });
    const [renewal] = await db.select().from(renewals).where(eq(renewals.id, renewalId));
    expect(renewal).toMatchObject({
      status: "voided",
      voidedBy: supervisor.id,
      voidReason: "Customer paid twice by mistake",
    });
    const [period] = await db
      .select({ voidedAt: periods.voidedAt })
      .from(periods)
      .where(eq(periods.renewalId, renewalId));
    expect(period!.voidedAt).toBeInstanceOf(Date);
    const [refund] = await db.select().from(refunds);
    expect(refund).toBeDefined();
    const mine = await db.select().from(refunds).where(eq(refunds.refundedBy, supervisor.id));
    expect(mine).toEqual([
      expect.objectContaining({ amountMinor: 9800, currency: "HKD", reason: "Customer paid twice by mistake" }),
    ]);
    const ledger = await db
      .select()
      .from(storedValueLedger)
      .where(eq(storedValueLedger.renewalId, renewalId))
      .orderBy(storedValueLedger.id);
    expect(ledger.map((l) => [l.reason, l.deltaMinor, l.balanceAfterMinor])).toEqual([
      ["renewal_payment", -9800, 10200],
      ["renewal_refund", 9800, 20000],
    ]);
    const sms = await db
      .select({ kind: notifications.kind, status: notifications.status })
      .from(notifications)
      .where(eq(notifications.renewalId, renewalId))
      .orderBy(notifications.id);
    expect(sms).toEqual([
      { kind: "renewal_confirmation", status: "failed" },
      { kind: "renewal_voided", status: "pending" },
    ]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "renewal.void"), eq(auditLog.entityId, String(renewalId))));
    expect(audit).toMatchObject({ actorStaffId: supervisor.id });
    const [rollup] = await db
      .select()
      .from(renewalDailyStats)
      .where(and(eq(renewalDailyStats.planId, planId), eq(renewalDailyStats.soldBy, agent.id)));
    expect(rollup).toMatchObject({ renewals: 0, revenueMinor: 0 });
  });

  it("refuses an agent, even calling the mutation directly, and changes nothing", async () => {
    const { db, agent, renewalId, cardId } = await scheduledRenewal();
    const [before] = await db.select({ validityEnd: cards.validityEnd }).from(cards).where(eq(cards.id, cardId));
    await expect(voidRenewal({ renewalId, reason: "forged" }, agent, {}, db)).rejects.toBeInstanceOf(ForbiddenError);
    const [after] = await db.select({ validityEnd: cards.validityEnd }).from(cards).where(eq(cards.id, cardId));
    expect(after).toEqual(before);
    const [renewal] = await db.select({ status: renewals.status }).from(renewals).where(eq(renewals.id, renewalId));
    expect(renewal!.status).toBe("paid");
  });

  it("refuses once the period has started, and for anything but the card's latest renewal", async () => {
    const { db, agent, supervisor, cardId, renewalId } = await scheduledRenewal();
    const afterStart = () => new Date(hkEnd(11).getTime());
    await expect(voidRenewal({ renewalId, reason: "late" }, supervisor, { now: afterStart }, db)).rejects.toThrow(
      /renewal.void_started/,
    );

    const [plan] = await db
      .select({ planVersionId: renewals.planVersionId })
      .from(renewals)
      .where(eq(renewals.id, renewalId));
    await renewCard(await renewInput(db, cardId, plan!.planVersionId), agent, rules, db);
    await expect(voidRenewal({ renewalId, reason: "not latest" }, supervisor, {}, db)).rejects.toThrow(
      /renewal.void_not_latest/,
    );
    await expect(voidRenewal({ renewalId, reason: "   " }, supervisor, {}, db)).rejects.toThrow(
      /renewal.void_reason_required/,
    );
  });

  it("refuses a second void of the same renewal", async () => {
    const { db, supervisor, renewalId } = await scheduledRenewal();
    await voidRenewal({ renewalId, reason: "first" }, supervisor, {}, db);
    await expect(voidRenewal({ renewalId, reason: "second" }, supervisor, {}, db)).rejects.toThrow(
      /renewal.already_voided/,
    );
  });
});
