import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError, pgConstraint, PreconditionError } from "@/db/errors";
import { activateRenewal } from "@/db/mutations/activate-renewal";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { renewCard } from "@/db/mutations/renew-card";
import { voidRenewal } from "@/db/mutations/void-renewal";
import { auditLog, cards, carrierRequests, notifications, payments, periods, refunds, renewals } from "@/db/schema";
import { simulatedCarrier } from "@/lib/carrier/gateway";
import { hkEndOfDay } from "@/lib/domain/time";
import { testDb } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, renewInput, rules } from "../helpers/factories";
import { raceAtAudit } from "../helpers/race";
import { searchCustomers } from "@/db/queries/customer-search";
import { classifySearch } from "@/lib/domain/search-classifier";

/** 00:30 Hong Kong time on 31 January 2028 (still 30 January in UTC), 29 February 2028 at noon HKT, 1 Dec 2026 00:30 HKT. */
const halfPastMidnight31Jan = new Date("2028-01-30T16:30:00Z");
const leapDayNoon = new Date("2028-02-29T04:00:00Z");
const halfPastMidnight1Dec = new Date("2026-11-30T16:30:00Z");
const at = (now: Date) => ({ ...rules, now: () => now });

/** Everything a renewal or a void could have written about one card. */
async function footprint(cardId: number) {
  const { db } = testDb();
  const [row] = await db.execute(sql`
    select
      (select count(*)::int from renewals where card_id = ${cardId}) as renewals,
      (select string_agg(status::text, ',' order by id) from renewals where card_id = ${cardId}) as statuses,
      (select count(*)::int from payments p join renewals r on r.id = p.renewal_id where r.card_id = ${cardId}) as payments,
      (select count(*)::int from refunds f join payments p on p.id = f.payment_id join renewals r on r.id = p.renewal_id where r.card_id = ${cardId}) as refunds,
      (select count(*)::int from periods where card_id = ${cardId} and voided_at is null) as live_periods,
      (select count(*)::int from notifications where card_id = ${cardId}) as sms,
      (select count(*)::int from carrier_requests where card_id = ${cardId}) as carrier_requests,
      (select count(*)::int from audit_log a where (a.entity_type = 'card' and a.entity_id = ${String(cardId)})
         or (a.entity_type = 'renewal' and a.entity_id in (select id::text from renewals where card_id = ${cardId}))) as audit,
      (select validity_end::text from cards where id = ${cardId}) as validity`);
  return row!;
}

async function setup(card: { validityEnd: Date; storedValue?: number }, plan: Parameters<typeof createPlan>[1] = {}) {
  const { db } = testDb();
  const agent = await createStaff(db, { name: "Chan Tai Man" });
  const supervisor = await createStaff(db, { role: "supervisor", name: "Lee Siu Ming" });
  const created = await createCustomerWithCard(db, card);
  const sellable = await createPlan(db, plan);
  return { db, agent, supervisor, ...created, ...sellable };
}

describe("max-from-today with a later old end (item 1)", () => {
  it("renews at 00:30 HKT on 31 January: the end stays, the new period and its data start now", async () => {
    const oldEnd = hkEndOfDay("2028-06-30");
    const { db, agent, cardId, planVersionId } = await setup(
      { validityEnd: oldEnd },
      { extensionMode: "max_from_today" },
    );
    const { renewalId } = await renewCard(
      await renewInput(db, cardId, planVersionId),
      agent,
      at(halfPastMidnight31Jan),
      db,
    );
    const [renewal] = await db.select().from(renewals).where(eq(renewals.id, renewalId));
    expect(renewal!.previousValidityEnd).toEqual(oldEnd);
    expect(renewal!.newValidityEnd).toEqual(oldEnd);
    const [period] = await db.select().from(periods).where(eq(periods.renewalId, renewalId));
    expect(period!.startsAt).toEqual(halfPastMidnight31Jan);
    // 31 January counts as day 1 of 30: the data runs to 29 February 23:59:59 HKT.
    expect(period!.endsAt).toEqual(hkEndOfDay("2028-02-29"));
    const [card] = await db.select({ validityEnd: cards.validityEnd }).from(cards).where(eq(cards.id, cardId));
    expect(card!.validityEnd).toEqual(oldEnd);
    const [audit] = await db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, "card.renew"), eq(auditLog.entityId, String(cardId))));
    expect(audit!.after).toMatchObject({ renewalId, mode: "max_from_today" });
  });

  it("the database refuses a renewal that would move the end back", async () => {
    const { db, agent, cardId, planVersionId } = await setup({ validityEnd: hkEndOfDay("2028-06-30") });
    const { renewalId } = await renewCard(await renewInput(db, cardId, planVersionId), agent, rules, db);
    const error = await db
      .execute(
        sql`update renewals set new_validity_end = previous_validity_end - interval '1 second' where id = ${renewalId}`,
      )
      .catch((e: unknown) => e);
    expect(pgConstraint(error)).toBe("renewals_validity_never_moves_back");
  });
});

describe("the 2-year cap in calendar years on Hong Kong dates (item 2)", () => {
  it("allows a last day of today + 2 years at 00:30 HKT, and refuses the next day writing nothing", async () => {
    // 00:30 HKT on 1 December 2026: the last allowed day is 2028-12-01 (not 2028-11-30, as UTC would give).
    const ok = await setup({ validityEnd: hkEndOfDay("2028-11-01") });
    const { renewalId } = await renewCard(
      await renewInput(ok.db, ok.cardId, ok.planVersionId),
      ok.agent,
      at(halfPastMidnight1Dec),
      ok.db,
    );
    const [renewal] = await ok.db.select().from(renewals).where(eq(renewals.id, renewalId));
    expect(renewal!.newValidityEnd).toEqual(hkEndOfDay("2028-12-01"));

    const over = await setup({ validityEnd: hkEndOfDay("2028-11-02") });
    const input = await renewInput(over.db, over.cardId, over.planVersionId);
    const before = await footprint(over.cardId);
    const error = await renewCard(input, over.agent, at(halfPastMidnight1Dec), over.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionError);
    expect(error).toMatchObject({ code: "renewal.cap_exceeded", params: { capYears: 2, capDate: "2028-12-01" } });
    expect(await footprint(over.cardId)).toEqual(before);
  });

  it("from 29 February 2028 the last allowed day is 28 February 2030", async () => {
    const ok = await setup({ validityEnd: hkEndOfDay("2030-01-29") });
    const { renewalId } = await renewCard(
      await renewInput(ok.db, ok.cardId, ok.planVersionId),
      ok.agent,
      at(leapDayNoon),
      ok.db,
    );
    const [renewal] = await ok.db.select().from(renewals).where(eq(renewals.id, renewalId));
    expect(renewal!.newValidityEnd).toEqual(hkEndOfDay("2030-02-28"));

    const over = await setup({ validityEnd: hkEndOfDay("2030-01-30") });
    const before = await footprint(over.cardId);
    await expect(
      renewCard(await renewInput(over.db, over.cardId, over.planVersionId), over.agent, at(leapDayNoon), over.db),
    ).rejects.toMatchObject({ code: "renewal.cap_exceeded", params: { capDate: "2030-02-28" } });
    expect(await footprint(over.cardId)).toEqual(before);
  });
});

describe("normalised payment references (item 3)", () => {
  it("stores the normalised form, and refuses the same reference typed differently, naming the renewal", async () => {
    const first = await setup({ validityEnd: hkEndOfDay("2027-03-01") });
    const unique = `FRN${Date.now()}`;
    const { renewalId } = await renewCard(
      await renewInput(first.db, first.cardId, first.planVersionId, { method: "fps", reference: unique }),
      first.agent,
      rules,
      first.db,
    );
    const second = await setup({ validityEnd: hkEndOfDay("2027-03-01") });
    const typed = `  ${unique.slice(0, 3).toLowerCase()}-${unique.slice(3, 8)} ${unique.slice(8)} `;
    const before = await footprint(second.cardId);
    const error = await renewCard(
      await renewInput(second.db, second.cardId, second.planVersionId, { method: "fps", reference: typed }),
      second.agent,
      rules,
      second.db,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "renewal.reference_used", params: { renewalId }, field: "reference" });
    expect(await footprint(second.cardId)).toEqual(before);
  });

  it("accepts a reference grouped with spaces as the customer's screen shows it", async () => {
    const { db, agent, cardId, planVersionId } = await setup({ validityEnd: hkEndOfDay("2027-03-01") });
    const digits = String(Date.now()).slice(-9);
    const { renewalId } = await renewCard(
      await renewInput(db, cardId, planVersionId, { reference: `4200 ${digits.slice(0, 4)} ${digits.slice(4)} 001` }),
      agent,
      rules,
      db,
    );
    const [payment] = await db.select().from(payments).where(eq(payments.renewalId, renewalId));
    expect(payment!.reference).toBe(`4200${digits}001`);
  });

  it("lets only one of two concurrent renewals use one reference typed two ways", async () => {
    const a = await setup({ validityEnd: hkEndOfDay("2027-03-01") });
    const b = await setup({ validityEnd: hkEndOfDay("2027-03-01") });
    const reference = `FRN${Date.now()}77`;
    const inputs = [
      await renewInput(a.db, a.cardId, a.planVersionId, { method: "fps", reference }),
      await renewInput(b.db, b.cardId, b.planVersionId, { method: "fps", reference: reference.toLowerCase() }),
    ];
    const results = await raceAtAudit(process.env.DATABASE_URL!, [
      (db) => renewCard(inputs[0]!, a.agent, rules, db),
      (db) => renewCard(inputs[1]!, b.agent, rules, db),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "renewal.reference_used" });
  });
});

describe("a second renewal within 10 minutes (item 4)", () => {
  it("needs the acknowledgement, which names the earlier renewal, agent and time; refused, it writes nothing", async () => {
    const { db, agent, cardId, planVersionId } = await setup({ validityEnd: hkEndOfDay("2028-06-30") });
    const first = await renewCard(await renewInput(db, cardId, planVersionId), agent, at(leapDayNoon), db);
    const second = await createStaff(db, { name: "Wong Ka Yan" });
    const nineMinutesLater = new Date(leapDayNoon.getTime() + 9 * 60_000);
    const before = await footprint(cardId);
    const error = await renewCard(await renewInput(db, cardId, planVersionId), second, at(nineMinutesLater), db).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PreconditionError);
    expect(error).toMatchObject({
      code: "renewal.recent_renewal_unacknowledged",
      field: "acknowledgeRecentRenewal",
      params: { receipt: `R${first.renewalId}`, agent: "Chan Tai Man", time: "2028-02-29 12:00 HKT" },
    });
    expect(await footprint(cardId)).toEqual(before);

    const acknowledged = await renewCard(
      await renewInput(db, cardId, planVersionId, { acknowledgeRecentRenewal: true }),
      second,
      at(nineMinutesLater),
      db,
    );
    expect(acknowledged.replayed).toBe(false);
  });

  it("needs none after 10 minutes, nor after a voided renewal", async () => {
    const { db, agent, supervisor, cardId, planVersionId } = await setup({ validityEnd: hkEndOfDay("2028-06-30") });
    await renewCard(await renewInput(db, cardId, planVersionId), agent, at(halfPastMidnight31Jan), db);
    const later = new Date(halfPastMidnight31Jan.getTime() + 10 * 60_000 + 1000);
    const { renewalId } = await renewCard(await renewInput(db, cardId, planVersionId), agent, at(later), db);
    await activateRenewal(renewalId, agent, simulatedCarrier("ok"), db);
    await voidRenewal({ renewalId, reason: "wrong plan", refundMethod: "cash" }, supervisor, { now: () => later }, db);
    await expect(
      renewCard(await renewInput(db, cardId, planVersionId), agent, at(new Date(later.getTime() + 60_000)), db),
    ).resolves.toMatchObject({ replayed: false });
  });

  it("two sessions renewing one card at once: one lands, the other is refused naming it", async () => {
    const { db, agent, cardId, planVersionId } = await setup({ validityEnd: hkEndOfDay("2028-06-30") });
    const other = await createStaff(db, { name: "Wong Ka Yan" });
    // Both reviewed before either confirmed: neither saw a recent renewal, so neither acknowledged one.
    const inputs = [await renewInput(db, cardId, planVersionId), await renewInput(db, cardId, planVersionId)];
    const results = await raceAtAudit(process.env.DATABASE_URL!, [
      (race) => renewCard(inputs[0]!, agent, rules, race),
      (race) => renewCard(inputs[1]!, other, rules, race),
    ]);
    const landed = results.filter((r) => r.status === "fulfilled");
    expect(landed).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    const winner = (landed[0] as PromiseFulfilledResult<{ renewalId: number }>).value.renewalId;
    expect(rejected.reason).toMatchObject({
      code: "renewal.recent_renewal_unacknowledged",
      params: { receipt: `R${winner}` },
    });
    expect((await footprint(cardId)).renewals).toBe(1);
  });
});

describe("voiding a renewal the carrier never activated (item 7)", () => {
  it("is allowed after its period started: nothing was delivered, so the validity and the money go back", async () => {
    const oldEnd = new Date(Date.now() - 3 * 86_400_000);
    const { db, agent, supervisor, cardId, planVersionId } = await setup({ validityEnd: oldEnd });
    // In grace: the period starts now; the carrier is down.
    const { renewalId, activationRequestId } = await renewCard(
      await renewInput(db, cardId, planVersionId, { method: "fps", reference: `FRN${Date.now()}71` }),
      agent,
      rules,
      db,
    );
    await performCarrierRequests([activationRequestId!], agent, simulatedCarrier("fail"), db);
    const tomorrow = () => new Date(Date.now() + 86_400_000);
    const { deactivationRequestId } = await voidRenewal(
      { renewalId, reason: "Never activated", refundReference: "frn-refund 7001" },
      supervisor,
      { now: tomorrow },
      db,
    );
    expect(deactivationRequestId).toBeNull();
    const [card] = await db.select({ validityEnd: cards.validityEnd }).from(cards).where(eq(cards.id, cardId));
    expect(card!.validityEnd).toEqual(oldEnd);
    const [refund] = await db
      .select()
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(eq(payments.renewalId, renewalId));
    expect(refund!.refunds).toMatchObject({ method: "fps", reference: "FRNREFUND7001", refundedBy: supervisor.id });
    const [activation] = await db
      .select({ status: carrierRequests.status, lastError: carrierRequests.lastError })
      .from(carrierRequests)
      .where(eq(carrierRequests.id, activationRequestId!));
    expect(activation).toEqual({ status: "failed", lastError: "cancelled: renewal voided" });
    const [audit] = await db
      .select({ actor: auditLog.actorStaffId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, "renewal.void"), eq(auditLog.entityId, String(renewalId))));
    expect(audit).toMatchObject({
      actor: supervisor.id,
      after: { refundMethod: "fps", refundReference: "FRNREFUND7001" },
    });
  });

  it("an activated renewal whose period started is still refused, writing nothing", async () => {
    const { db, agent, supervisor, cardId, planVersionId } = await setup({
      validityEnd: new Date(Date.now() - 86_400_000),
    });
    const { renewalId } = await renewCard(
      await renewInput(db, cardId, planVersionId, { method: "cash", reference: null }),
      agent,
      rules,
      db,
    );
    await activateRenewal(renewalId, agent, simulatedCarrier("ok"), db);
    const before = await footprint(cardId);
    await expect(voidRenewal({ renewalId, reason: "late" }, supervisor, {}, db)).rejects.toMatchObject({
      code: "renewal.void_started",
    });
    expect(await footprint(cardId)).toEqual(before);
  });
});

describe("refund method and reference (item 8)", () => {
  async function paidByFps() {
    const s = await setup({ validityEnd: hkEndOfDay("2027-03-01") });
    const { renewalId } = await renewCard(
      await renewInput(s.db, s.cardId, s.planVersionId, { method: "fps", reference: `FRN${Date.now()}81` }),
      s.agent,
      rules,
      s.db,
    );
    return { ...s, renewalId };
  }

  it("an electronic refund without its own reference is refused on that field, writing nothing", async () => {
    const { db, supervisor, cardId, renewalId } = await paidByFps();
    const before = await footprint(cardId);
    await expect(voidRenewal({ renewalId, reason: "duplicate" }, supervisor, {}, db)).rejects.toMatchObject({
      code: "renewal.refund_reference_required",
      field: "refundReference",
    });
    await expect(
      voidRenewal({ renewalId, reason: "duplicate", refundReference: "no#good" }, supervisor, {}, db),
    ).rejects.toMatchObject({ code: "renewal.refund_reference_format" });
    expect(await footprint(cardId)).toEqual(before);
  });

  it("a cash refund is marked for the refunding supervisor's drawer, and the SMS names the method", async () => {
    const { db, supervisor, renewalId } = await paidByFps();
    await voidRenewal(
      { renewalId, reason: "customer asked for cash back", refundMethod: "cash", refundReference: "ignored" },
      supervisor,
      {},
      db,
    );
    const drawer = await db
      .select({ amountMinor: refunds.amountMinor, currency: refunds.currency, reference: refunds.reference })
      .from(refunds)
      .where(and(eq(refunds.refundedBy, supervisor.id), eq(refunds.method, "cash")));
    expect(drawer).toEqual([{ amountMinor: 9800, currency: "HKD", reference: null }]);
    const [sms] = await db
      .select({ body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.renewalId, renewalId), eq(notifications.kind, "renewal_voided")));
    expect(sms!.body).toContain("HK$98.00已經由現金退還");
  });

  it("by default goes back by the payment's method, named in the SMS", async () => {
    const { db, supervisor, renewalId } = await paidByFps();
    await voidRenewal({ renewalId, reason: "duplicate", refundReference: "FRN REFUND 0009" }, supervisor, {}, db);
    const [refund] = await db
      .select({ method: refunds.method, reference: refunds.reference })
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(eq(payments.renewalId, renewalId));
    expect(refund).toEqual({ method: "fps", reference: "FRNREFUND0009" });
    const [sms] = await db
      .select({ body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.renewalId, renewalId), eq(notifications.kind, "renewal_voided")));
    expect(sms!.body).toContain("轉數快");
  });
});

describe("search by payment reference and by receipt number (item 11)", () => {
  it("finds the renewal either way, saying why, so the result opens its receipt", async () => {
    const { db, agent, cardId, planVersionId } = await setup({ validityEnd: hkEndOfDay("2027-03-01") });
    const reference = `FRN${Date.now()}91`;
    const { renewalId } = await renewCard(
      await renewInput(db, cardId, planVersionId, { method: "fps", reference }),
      agent,
      rules,
      db,
    );
    for (const text of [
      `${reference.slice(0, 3).toLowerCase()}-${reference.slice(3)}`,
      `#R${renewalId}`,
      `R${renewalId}`,
    ]) {
      const search = classifySearch(text);
      if (!search.ok) throw new Error(`${text} was refused`);
      const { items } = await searchCustomers({ lookups: search.lookups, limit: 5 }, db);
      expect(items[0]).toMatchObject({ cardId, renewalId, rank: 0 });
      expect(items[0]!.reason).toBe(text.startsWith("frn") ? "paymentReference" : "renewal");
    }
  });
});
