import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { ConflictError, NotFoundError, PreconditionError } from "@/db/errors";
import { activateRenewal } from "@/db/mutations/activate-renewal";
import { renewCard } from "@/db/mutations/renew-card";
import { checkRenewal } from "@/db/queries/renewals";
import {
  auditLog,
  cards,
  idempotencyKeys,
  notifications,
  payments,
  periods,
  plans,
  renewalDailyStats,
  renewals,
  storedValueLedger,
} from "@/db/schema";
import { simulatedCarrier } from "@/lib/carrier/gateway";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, renewInput, rules } from "../helpers/factories";

const wide = createDb(process.env.DATABASE_URL!, { max: 24, applicationName: "renewal-tests-wide" });
afterAll(() => wide.close());

/** Everything a renewal could have written about one card. */
async function footprint(cardId: number) {
  const { db } = testDb();
  const [row] = await db.execute<{
    renewals: number;
    payments: number;
    periods: number;
    sms: number;
    audit: number;
    ledger: number;
    validity: string;
    balance: number;
  }>(sql`
    select
      (select count(*)::int from renewals where card_id = ${cardId}) as renewals,
      (select count(*)::int from payments p join renewals r on r.id = p.renewal_id where r.card_id = ${cardId}) as payments,
      (select count(*)::int from periods where card_id = ${cardId}) as periods,
      (select count(*)::int from notifications where card_id = ${cardId}) as sms,
      (select count(*)::int from audit_log where entity_type = 'card' and entity_id = ${String(cardId)}) as audit,
      (select count(*)::int from stored_value_ledger where card_id = ${cardId}) as ledger,
      (select validity_end::text from cards where id = ${cardId}) as validity,
      (select stored_value_hkd_minor from cards where id = ${cardId}) as balance`);
  return row!;
}

async function setup(
  card: Parameters<typeof createCustomerWithCard>[1] = {},
  plan: Parameters<typeof createPlan>[1] = {},
) {
  const { db } = testDb();
  const agent = await createStaff(db);
  const created = await createCustomerWithCard(db, { validityEnd: hkEnd(10), ...card });
  const sellable = await createPlan(db, plan);
  return { db, agent, ...created, ...sellable };
}

describe("renewCard", () => {
  it("renews an active card: period queued after the old end, payment, rollup, SMS and audit in one go", async () => {
    const { db, agent, cardId, planVersionId, planId } = await setup();
    const input = await renewInput(db, cardId, planVersionId);
    const result = await renewCard(input, agent, rules, db);
    expect(result.replayed).toBe(false);

    const [renewal] = await db.select().from(renewals).where(eq(renewals.id, result.renewalId));
    expect(renewal).toMatchObject({
      cardId,
      planVersionId,
      status: "paid",
      priceMinor: 9800,
      currency: "HKD",
      soldBy: agent.id,
      cardState: "active",
      extensionMode: "stack",
    });
    expect(renewal!.previousValidityEnd.toISOString()).toBe(hkEnd(10).toISOString());
    expect(renewal!.newValidityEnd.toISOString()).toBe(hkEnd(40).toISOString());
    const [period] = await db.select().from(periods).where(eq(periods.renewalId, result.renewalId));
    expect(period!.startsAt.toISOString()).toBe(new Date(hkEnd(10).getTime() + 1000).toISOString());
    expect(period).toMatchObject({ dataCnMb: 8192, dataHkMb: 4096, usedCnMb: 0 });
    const [payment] = await db.select().from(payments).where(eq(payments.renewalId, result.renewalId));
    expect(payment).toMatchObject({
      method: "wechat_pay",
      reference: input.reference,
      amountMinor: 9800,
      currency: "HKD",
      receivedBy: agent.id,
    });
    const [card] = await db.select({ validityEnd: cards.validityEnd }).from(cards).where(eq(cards.id, cardId));
    expect(card!.validityEnd.toISOString()).toBe(hkEnd(40).toISOString());

    const sms = await db.select().from(notifications).where(eq(notifications.renewalId, result.renewalId));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      kind: "renewal_confirmation",
      status: "pending",
      toMsisdn: input.smsMsisdn,
      language: "zh-Hant",
    });
    expect(sms[0]!.body).toContain("已付款");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "card.renew"), eq(auditLog.entityId, String(cardId))));
    expect(audit).toMatchObject({ actorStaffId: agent.id, entityType: "card" });
    expect(audit!.after).toMatchObject({ renewalId: result.renewalId, priceMinor: 9800, method: "wechat_pay" });
    const [rollup] = await db
      .select()
      .from(renewalDailyStats)
      .where(and(eq(renewalDailyStats.planId, planId), eq(renewalDailyStats.soldBy, agent.id)));
    expect(rollup).toMatchObject({
      renewals: 1,
      revenueMinor: 9800,
      method: "wechat_pay",
      currency: "HKD",
      channel: "console",
    });
  });

  it("restores a card in grace from now and records that it was renewed in grace", async () => {
    const { db, agent, cardId, planVersionId } = await setup({ validityEnd: hkEnd(-5) });
    const { renewalId } = await renewCard(await renewInput(db, cardId, planVersionId), agent, rules, db);
    const [renewal] = await db.select().from(renewals).where(eq(renewals.id, renewalId));
    expect(renewal!.cardState).toBe("grace");
    expect(renewal!.newValidityEnd.toISOString()).toBe(hkEnd(29).toISOString());
  });

  describe("refuses and writes nothing", () => {
    const cases: [string, () => Promise<{ run: () => Promise<unknown>; cardId: number }>, RegExp][] = [
      [
        "an expired card",
        async () => {
          const s = await setup({ validityEnd: hkEnd(-45) });
          const input = await renewInput(s.db, s.cardId, s.planVersionId);
          return { cardId: s.cardId, run: () => renewCard(input, s.agent, rules, s.db) };
        },
        /renewal.card_expired/,
      ],
      [
        "a suspended card",
        async () => {
          const s = await setup({ suspended: true });
          const input = await renewInput(s.db, s.cardId, s.planVersionId);
          return { cardId: s.cardId, run: () => renewCard(input, s.agent, rules, s.db) };
        },
        /renewal.card_suspended/,
      ],
      [
        "an archived plan",
        async () => {
          const s = await setup({}, { status: "archived" });
          const input = await renewInput(s.db, s.cardId, s.planVersionId);
          return { cardId: s.cardId, run: () => renewCard(input, s.agent, rules, s.db) };
        },
        /renewal.plan_not_sellable/,
      ],
      [
        "a plan version that is no longer current",
        async () => {
          const s = await setup();
          const newer = await s.db.execute<{
            id: number;
          }>(sql`insert into plan_versions (plan_id, version, validity_days, data_cn_mb, data_hk_mb, price_hkd_minor, price_cny_minor)
          values (${s.planId}, 2, 30, 8192, 4096, 10800, 9800) returning id`);
          await s.db.update(plans).set({ currentVersionId: newer[0]!.id }).where(eq(plans.id, s.planId));
          const input = await renewInput(s.db, s.cardId, s.planVersionId);
          return { cardId: s.cardId, run: () => renewCard(input, s.agent, rules, s.db) };
        },
        /renewal.plan_not_sellable/,
      ],
      [
        "validity beyond the 2-year cap",
        async () => {
          const s = await setup({ validityEnd: hkEnd(720) });
          const input = await renewInput(s.db, s.cardId, s.planVersionId);
          return { cardId: s.cardId, run: () => renewCard(input, s.agent, rules, s.db) };
        },
        /renewal.cap_exceeded/,
      ],
      [
        "stored value short by one cent",
        async () => {
          const s = await setup({ storedValue: 9799 });
          const input = await renewInput(s.db, s.cardId, s.planVersionId, { method: "stored_value", reference: null });
          return { cardId: s.cardId, run: () => renewCard(input, s.agent, rules, s.db) };
        },
        /renewal.stored_value_short/,
      ],
      [
        "a missing WeChat Pay reference",
        async () => {
          const s = await setup();
          const input = await renewInput(s.db, s.cardId, s.planVersionId, { reference: null });
          return { cardId: s.cardId, run: () => renewCard(input, s.agent, rules, s.db) };
        },
        /renewal.reference_required/,
      ],
      [
        "an SMS number that is not on the card",
        async () => {
          const s = await setup();
          const input = await renewInput(s.db, s.cardId, s.planVersionId, { smsMsisdn: "+85290000000" });
          return { cardId: s.cardId, run: () => renewCard(input, s.agent, rules, s.db) };
        },
        /renewal.sms_number_not_on_card/,
      ],
    ];

    for (const [name, arrange, error] of cases) {
      it(name, async () => {
        const { run, cardId } = await arrange();
        const before = await footprint(cardId);
        await expect(run()).rejects.toThrow(error);
        expect(await footprint(cardId)).toEqual(before);
      });
    }

    it("an unknown card", async () => {
      const s = await setup();
      const input = await renewInput(s.db, s.cardId, s.planVersionId);
      await expect(renewCard({ ...input, cardId: 2_000_000_000 }, s.agent, rules, s.db)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      const keys = await s.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, input.idempotencyKey));
      expect(keys).toHaveLength(0);
    });
  });

  it("refuses a payment reference used before with that method, by any customer, naming the renewal", async () => {
    const first = await setup();
    const input = await renewInput(first.db, first.cardId, first.planVersionId);
    const { renewalId } = await renewCard(input, first.agent, rules, first.db);

    const second = await setup();
    const reuse = await renewInput(second.db, second.cardId, second.planVersionId, { reference: input.reference });
    const before = await footprint(second.cardId);
    const error = await renewCard(reuse, second.agent, rules, second.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "renewal.reference_used", params: { renewalId }, field: "reference" });
    expect(await footprint(second.cardId)).toEqual(before);

    // the same reference under another method is a different payment
    const alipay = await renewInput(second.db, second.cardId, second.planVersionId, {
      reference: input.reference,
      method: "alipay",
      currency: "CNY",
    });
    await expect(renewCard(alipay, second.agent, rules, second.db)).resolves.toMatchObject({ replayed: false });
  });

  it("pays from stored value with exactly enough balance, leaving zero, with a ledger entry", async () => {
    const { db, agent, cardId, planVersionId } = await setup({ storedValue: 9800 });
    const { renewalId } = await renewCard(
      await renewInput(db, cardId, planVersionId, { method: "stored_value", reference: "ignored-for-stored-value" }),
      agent,
      rules,
      db,
    );
    const [card] = await db.select({ balance: cards.storedValueHkdMinor }).from(cards).where(eq(cards.id, cardId));
    expect(card!.balance).toBe(0);
    const ledger = await db.select().from(storedValueLedger).where(eq(storedValueLedger.renewalId, renewalId));
    expect(ledger).toEqual([
      expect.objectContaining({
        deltaMinor: -9800,
        balanceAfterMinor: 0,
        reason: "renewal_payment",
        staffId: agent.id,
      }),
    ]);
    const [payment] = await db.select().from(payments).where(eq(payments.renewalId, renewalId));
    expect(payment).toMatchObject({ method: "stored_value", reference: null, currency: "HKD" });
  });

  it("refuses paying stored value in CNY", async () => {
    const { db, agent, cardId, planVersionId } = await setup({ storedValue: 50000 });
    const input = await renewInput(db, cardId, planVersionId, {
      method: "stored_value",
      currency: "CNY",
      reference: null,
    });
    await expect(renewCard(input, agent, rules, db)).rejects.toThrow(PreconditionError);
  });

  describe("exactly once", () => {
    it("replays the first result for the same key and input, writing nothing new", async () => {
      const { db, agent, cardId, planVersionId } = await setup();
      const input = await renewInput(db, cardId, planVersionId);
      const first = await renewCard(input, agent, rules, db);
      const after = await footprint(cardId);
      const second = await renewCard(input, agent, rules, db);
      expect(second).toEqual({ renewalId: first.renewalId, replayed: true });
      expect(await footprint(cardId)).toEqual(after);
    });

    it("refuses the same key with different input", async () => {
      const { db, agent, cardId, planVersionId } = await setup();
      const input = await renewInput(db, cardId, planVersionId);
      await renewCard(input, agent, rules, db);
      const after = await footprint(cardId);
      await expect(renewCard({ ...input, currency: "CNY" }, agent, rules, db)).rejects.toThrow(
        /renewal.idempotency_mismatch/,
      );
      expect(await footprint(cardId)).toEqual(after);
    });

    it("lands twenty parallel renewals with distinct keys, moving validity by exactly twenty periods", async () => {
      const { db, agent, cardId, planVersionId } = await setup({ validityEnd: hkEnd(5) });
      const inputs = await Promise.all(Array.from({ length: 20 }, () => renewInput(db, cardId, planVersionId)));
      const results = await Promise.all(inputs.map((input) => renewCard(input, agent, rules, wide.db)));
      expect(new Set(results.map((r) => r.renewalId)).size).toBe(20);
      const [card] = await db.select({ validityEnd: cards.validityEnd }).from(cards).where(eq(cards.id, cardId));
      expect(card!.validityEnd.toISOString()).toBe(hkEnd(5 + 20 * 30).toISOString());
      const windows = await db
        .select({ startsAt: periods.startsAt, endsAt: periods.endsAt })
        .from(periods)
        .where(eq(periods.cardId, cardId))
        .orderBy(periods.startsAt);
      // contiguous, non-overlapping periods
      for (let i = 1; i < windows.length; i++)
        expect(windows[i]!.startsAt.getTime()).toBe(windows[i - 1]!.endsAt.getTime() + 1000);
    });

    it("lands exactly one renewal for twenty parallel submissions with one key", async () => {
      const { db, agent, cardId, planVersionId } = await setup();
      const input = await renewInput(db, cardId, planVersionId);
      const results = await Promise.all(Array.from({ length: 20 }, () => renewCard(input, agent, rules, wide.db)));
      expect(new Set(results.map((r) => r.renewalId)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect((await footprint(cardId)).renewals).toBe(1);
    });
  });

  it("leaves nothing partial when its database backend is killed mid-transaction, and a retry lands once", async () => {
    const { db, agent, cardId, planVersionId } = await setup();
    const input = await renewInput(db, cardId, planVersionId);
    const victimName = `renewal-victim-${randomUUID().slice(0, 8)}`;
    const victim = createDb(process.env.DATABASE_URL!, { max: 1, applicationName: victimName });
    const blocker = createDb(process.env.DATABASE_URL!, { max: 1, applicationName: "renewal-blocker" });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Hold the card row so the renewal stops inside its transaction, after claiming its key.
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holding = blocker.db.transaction(async (tx) => {
        await tx.select({ id: cards.id }).from(cards).where(eq(cards.id, cardId)).for("update");
        locked();
        await held;
      });
      await isLocked;
      const attempt = renewCard(input, agent, rules, victim.db).then(
        () => "committed",
        () => "failed",
      );
      let pid: number | undefined;
      for (let i = 0; i < 300 && !pid; i++) {
        const rows = await db.execute<{ pid: number }>(
          sql`select pid from pg_stat_activity where application_name = ${victimName} and wait_event_type = 'Lock'`,
        );
        pid = rows[0]?.pid;
        if (!pid) await new Promise((r) => setTimeout(r, 50));
      }
      expect(pid).toBeDefined();
      await db.execute(sql`select pg_terminate_backend(${pid!})`);
      expect(await attempt).toBe("failed");
      release();
      await holding;

      const keys = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, input.idempotencyKey));
      expect(keys).toHaveLength(0);
      expect((await footprint(cardId)).renewals).toBe(0);

      const retried = await renewCard(input, agent, rules, db);
      expect(retried.replayed).toBe(false);
      expect(await renewCard(input, agent, rules, db)).toEqual({ renewalId: retried.renewalId, replayed: true });
      expect((await footprint(cardId)).renewals).toBe(1);
    } finally {
      // The victim's only connection was killed; ending it would write to a closed socket.
      await blocker.close();
    }
  });
});

describe("checkRenewal (the preview)", () => {
  const now = () => ({ ...rules, now: new Date() });

  it("quotes a healthy card with no refusal, what confirm then writes from, and writes nothing", async () => {
    const s = await setup();
    const input = await renewInput(s.db, s.cardId, s.planVersionId);
    const before = await footprint(s.cardId);
    const check = await checkRenewal(input, now(), {}, s.db);
    expect(check.refusals).toEqual([]);
    expect(check.accepted).toMatchObject({ smsMsisdn: input.smsMsisdn, reference: input.reference });
    expect(check.quote?.newValidityEnd.toISOString()).toBe(hkEnd(40).toISOString());
    expect(await footprint(s.cardId)).toEqual(before);
  });

  it("lists every refusal at once: state, SMS number not on the card and a used reference", async () => {
    const used = await setup();
    const first = await renewInput(used.db, used.cardId, used.planVersionId);
    const { renewalId } = await renewCard(first, used.agent, rules, used.db);

    const s = await setup({ suspended: true });
    const input = await renewInput(s.db, s.cardId, s.planVersionId, {
      reference: first.reference,
      smsMsisdn: "+85240000000",
    });
    const before = await footprint(s.cardId);
    const check = await checkRenewal(input, now(), {}, s.db);
    expect(check.refusals).toEqual([
      { code: "sms_number_not_on_card" },
      { code: "card_suspended" },
      { code: "reference_used", renewalId },
    ]);
    expect(check.accepted).toBeNull();
    expect(await footprint(s.cardId)).toEqual(before);
    // the confirm refuses with the first of them, on its field
    await expect(renewCard({ ...input, reference: null }, s.agent, rules, s.db)).rejects.toMatchObject({
      code: "renewal.sms_number_not_on_card",
      field: "smsMsisdn",
    });
  });

  it("has nothing to quote without a sellable plan", async () => {
    const s = await setup({}, { status: "archived" });
    const input = await renewInput(s.db, s.cardId, s.planVersionId);
    const check = await checkRenewal(input, now(), {}, s.db);
    expect(check).toMatchObject({ quote: null, accepted: null, refusals: [{ code: "plan_not_sellable" }] });
  });
});

describe("activateRenewal", () => {
  it("leaves a renewal paid when the carrier fails, and a retry activates it once", async () => {
    const { db, agent, cardId, planVersionId } = await setup();
    const { renewalId } = await renewCard(await renewInput(db, cardId, planVersionId), agent, rules, db);

    expect(await activateRenewal(renewalId, agent, simulatedCarrier("fail"), db)).toBe("failed");
    const [failed] = await db
      .select({ status: renewals.status, attempts: renewals.activationAttempts, error: renewals.lastActivationError })
      .from(renewals)
      .where(eq(renewals.id, renewalId));
    expect(failed).toEqual({ status: "paid", attempts: 1, error: "carrier unavailable (simulated)" });

    expect(await activateRenewal(renewalId, agent, simulatedCarrier("ok"), db)).toBe("activated");
    expect(await activateRenewal(renewalId, agent, simulatedCarrier("ok"), db)).toBe("already_activated");
    const [done] = await db
      .select({ status: renewals.status, attempts: renewals.activationAttempts, activatedAt: renewals.activatedAt })
      .from(renewals)
      .where(eq(renewals.id, renewalId));
    expect(done).toMatchObject({ status: "activated", attempts: 2 });
    expect(done!.activatedAt).toBeInstanceOf(Date);
    const trail = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "renewal"), eq(auditLog.entityId, String(renewalId))))
      .orderBy(auditLog.id);
    expect(trail.map((a) => a.action)).toEqual(["renewal.activation_failed", "renewal.activate"]);
  });
});
