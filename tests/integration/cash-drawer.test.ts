import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, PreconditionError } from "@/db/errors";
import { closeCashDrawer } from "@/db/mutations/close-cash-drawer";
import { correctCashDrawer } from "@/db/mutations/correct-cash-drawer";
import { openCashDrawer } from "@/db/mutations/open-cash-drawer";
import { signOffCashDrawer } from "@/db/mutations/sign-off-cash-drawer";
import { topUpStoredValue } from "@/db/mutations/top-up-stored-value";
import { getCashDrawer, listDrawersOfDay } from "@/db/queries/cash-drawers";
import { auditLog, cashDrawers, refunds } from "@/db/schema";
import { hkDay } from "@/lib/domain/time";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import { createCustomerWithCard, createPlan, createRenewal, createStaff } from "../helpers/factories";
import { raceAtAudit } from "../helpers/race";

async function setup() {
  const { db } = testDb();
  const agent = await createStaff(db);
  const supervisor = await createStaff(db, { role: "supervisor" });
  const plan = await createPlan(db);
  const { cardId } = await createCustomerWithCard(db, { validityEnd: hkEnd(10) });
  const { drawerId } = await openCashDrawer({ currency: "HKD", openingFloatMinor: 50_000 }, agent, {}, db);
  const cashRenewal = (amountMinor: number) =>
    createRenewal(db, {
      planVersionId: plan.planVersionId,
      method: "cash",
      soldBy: agent.id,
      priceMinor: amountMinor,
      createdAt: new Date(),
    });
  const topUp = (amountMinor: number) =>
    topUpStoredValue(
      { idempotencyKey: randomUUID(), cardId, amountMinor, method: "cash", reference: null },
      agent,
      { graceDays: 30 },
      db,
    );
  return { db, agent, supervisor, drawerId, cashRenewal, topUp, cardId };
}

describe("a cash drawer", () => {
  it("expects the float plus every cash payment less cash refunds, live", async () => {
    const s = await setup();
    const renewal = await s.cashRenewal(9_800);
    await s.topUp(20_000);
    const [payment] = await s.db.execute<{ id: number }>(sql`select id from payments where renewal_id = ${renewal.id}`);
    await s.db.insert(refunds).values({
      paymentId: payment!.id,
      amountMinor: 9_800,
      currency: "HKD",
      method: "cash",
      reason: "wrong plan",
      refundedBy: s.agent.id,
    });
    const drawer = await getCashDrawer(s.drawerId, s.db);
    expect(drawer!.movements.map((m) => [m.kind, m.purpose, m.amountMinor])).toEqual([
      ["payment", "renewal", 9_800],
      ["payment", "top_up", 20_000],
      ["refund", "renewal", -9_800],
    ]);
    expect(drawer!.liveExpectedMinor).toBe(70_000);
    const [ofDay] = (await listDrawersOfDay(hkDay(new Date()), s.db)).filter((d) => d.id === s.drawerId);
    expect(ofDay!.liveExpectedMinor).toBe(70_000);
  });

  it("opens once per agent, day and currency", async () => {
    const s = await setup();
    await expect(openCashDrawer({ currency: "HKD", openingFloatMinor: 0 }, s.agent, {}, s.db)).rejects.toMatchObject({
      code: "drawer.errors.alreadyOpen",
    });
    await expect(openCashDrawer({ currency: "CNY", openingFloatMinor: 0 }, s.agent, {}, s.db)).resolves.toBeTruthy();
  });

  it("closes with the counted amount and a reason for the difference, then a supervisor signs it off; all audited", async () => {
    const s = await setup();
    await s.cashRenewal(9_800);
    await expect(
      closeCashDrawer({ drawerId: s.drawerId, countedMinor: 59_000, reason: null }, s.agent, {}, s.db),
    ).rejects.toMatchObject({ code: "drawer.errors.reasonRequired", field: "reason" });
    const closed = await closeCashDrawer(
      { drawerId: s.drawerId, countedMinor: 59_000, reason: "HK$8 short: change given twice" },
      s.agent,
      {},
      s.db,
    );
    expect(closed).toEqual({ expectedMinor: 59_800, differenceMinor: -800 });
    await expect(signOffCashDrawer({ drawerId: s.drawerId, note: null }, s.agent, {}, s.db)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await signOffCashDrawer({ drawerId: s.drawerId, note: "counted again with the agent" }, s.supervisor, {}, s.db);
    const [row] = await s.db.select().from(cashDrawers).where(eq(cashDrawers.id, s.drawerId));
    expect(row).toMatchObject({
      status: "signed_off",
      expectedMinor: 59_800,
      countedMinor: 59_000,
      differenceReason: "HK$8 short: change given twice",
      signedOffBy: s.supervisor.id,
    });
    const audits = await s.db
      .select({ action: auditLog.action, reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "cash_drawer"), eq(auditLog.entityId, String(s.drawerId))))
      .orderBy(auditLog.id);
    expect(audits.filter((a) => a.action.startsWith("cash_drawer."))).toEqual([
      { action: "cash_drawer.open", reason: null },
      { action: "cash_drawer.close", reason: "HK$8 short: change given twice" },
      { action: "cash_drawer.sign_off", reason: null },
    ]);
    await expect(
      signOffCashDrawer({ drawerId: s.drawerId, note: null }, s.supervisor, {}, s.db),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("is immutable once closed: the database refuses edits, cash for the day is refused, corrections are new entries", async () => {
    const s = await setup();
    await closeCashDrawer({ drawerId: s.drawerId, countedMinor: 50_000, reason: null }, s.agent, {}, s.db);
    await expect(
      s.db.update(cashDrawers).set({ countedMinor: 1 }).where(eq(cashDrawers.id, s.drawerId)),
    ).rejects.toThrow();
    await expect(s.db.delete(cashDrawers).where(eq(cashDrawers.id, s.drawerId))).rejects.toThrow();
    await expect(
      closeCashDrawer({ drawerId: s.drawerId, countedMinor: 50_000, reason: null }, s.agent, {}, s.db),
    ).rejects.toMatchObject({ code: "drawer.errors.notOpen" });
    await expect(s.topUp(1_000)).rejects.toMatchObject({ code: "drawer.errors.closedForCash" });
    expect((await getCashDrawer(s.drawerId, s.db))!.movements).toEqual([]);

    const key = randomUUID();
    const correction = { idempotencyKey: key, drawerId: s.drawerId, amountMinor: -500, reason: "coin counted twice" };
    await expect(correctCashDrawer(correction, s.agent, s.db)).rejects.toBeInstanceOf(ForbiddenError);
    const first = await correctCashDrawer(correction, s.supervisor, s.db);
    expect(await correctCashDrawer(correction, s.supervisor, s.db)).toEqual({ ...first, replayed: true });
    const drawer = await getCashDrawer(s.drawerId, s.db);
    expect(drawer).toMatchObject({ status: "closed", expectedMinor: 50_000, liveExpectedMinor: 49_500 });
    expect(drawer!.corrections).toHaveLength(1);
  });

  it("refuses an agent closing someone else's drawer", async () => {
    const s = await setup();
    const other = await createStaff(s.db);
    await expect(
      closeCashDrawer({ drawerId: s.drawerId, countedMinor: 50_000, reason: null }, other, {}, s.db),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(openCashDrawer({ currency: "HKD", openingFloatMinor: -1 }, other, {}, s.db)).rejects.toBeInstanceOf(
      PreconditionError,
    );
  });

  it("lets a close and a cash top-up at the same moment both land in order, or refuses the top-up", async () => {
    const s = await setup();
    const results = await raceAtAudit<unknown>(process.env.DATABASE_URL!, [
      (db) => closeCashDrawer({ drawerId: s.drawerId, countedMinor: 50_000, reason: "race" }, s.agent, {}, db),
      (db) =>
        topUpStoredValue(
          { idempotencyKey: randomUUID(), cardId: s.cardId, amountMinor: 1_000, method: "cash", reference: null },
          s.agent,
          { graceDays: 30 },
          db,
        ),
    ]);
    const [close, topUp] = results;
    expect(close!.status).toBe("fulfilled");
    const drawer = await getCashDrawer(s.drawerId, s.db);
    if (topUp!.status === "fulfilled") {
      // The top-up committed first: the close counted it.
      expect(drawer!.expectedMinor).toBe(51_000);
    } else {
      expect((topUp as PromiseRejectedResult).reason).toMatchObject({ code: "drawer.errors.closedForCash" });
      expect(drawer!.expectedMinor).toBe(50_000);
    }
  });
});
