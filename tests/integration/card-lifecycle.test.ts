import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, PreconditionError } from "@/db/errors";
import { issueNewCard } from "@/db/mutations/issue-new-card";
import { liftSuspension } from "@/db/mutations/lift-suspension";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { replaceCard } from "@/db/mutations/replace-card";
import { renewCard } from "@/db/mutations/renew-card";
import { retryCarrierRequests } from "@/db/mutations/retry-carrier-requests";
import { suspendCard } from "@/db/mutations/suspend-card";
import { listDailyLifecycle, listDailyReplacementFees } from "@/db/queries/lifecycle-reports";
import { checkRenewal } from "@/db/queries/renewals";
import {
  auditLog,
  cardNumbers,
  cards,
  cardSuccessions,
  cardSuspensions,
  carrierRequests,
  payments,
  periods,
  renewals,
  storedValueLedger,
} from "@/db/schema";
import { simulatedCarrier } from "@/lib/carrier/gateway";
import { DAY_MS, hkDay } from "@/lib/domain/time";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import {
  createCustomerWithCard,
  createPlan,
  createRenewal,
  createStaff,
  isolatedNow,
  newIccid,
  newReference,
  renewInput,
  replaceCardInput,
  rules,
  uniqueCn,
  uniqueHk,
} from "../helpers/factories";
import { raceAtAudit } from "../helpers/race";

const lifecycleRules = { graceDays: rules.graceDays };
const replacementRules = { graceDays: rules.graceDays, fees: { HKD: 5000, CNY: 4500 } };

/** Everything a lifecycle step could have written about a customer's cards. */
async function footprint(customerId: number) {
  const { db } = testDb();
  const [row] = await db.execute<Record<string, number | string | null>>(sql`
    select
      (select count(*)::int from cards where customer_id = ${customerId}) as cards,
      (select string_agg(concat_ws('/', id, suspended_at, suspension_reason, replaced_at, validity_end, stored_value_hkd_minor), ',' order by id) from cards where customer_id = ${customerId}) as card_rows,
      (select string_agg(concat_ws('/', n.card_id, n.msisdn, n.released_at), ',' order by n.id) from card_numbers n join cards c on c.id = n.card_id where c.customer_id = ${customerId}) as numbers,
      (select count(*)::int from card_suspensions s join cards c on c.id = s.card_id where c.customer_id = ${customerId}) as suspensions,
      (select count(*)::int from card_suspensions s join cards c on c.id = s.card_id where c.customer_id = ${customerId} and s.lifted_at is not null) as lifts,
      (select count(*)::int from card_successions s join cards c on c.id = s.old_card_id where c.customer_id = ${customerId}) as successions,
      (select count(*)::int from payments p join cards c on c.id = p.card_id where c.customer_id = ${customerId}) as payments,
      (select count(*)::int from stored_value_ledger l join cards c on c.id = l.card_id where c.customer_id = ${customerId}) as ledger,
      (select count(*)::int from audit_log where customer_id = ${customerId}) as audit,
      (select string_agg(concat_ws('/', p.id, p.card_id), ',' order by p.id) from periods p join cards c on c.id = p.card_id where c.customer_id = ${customerId}) as periods`);
  return row!;
}

async function auditOf(cardId: number) {
  const { db } = testDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "card"), eq(auditLog.entityId, String(cardId))))
    .orderBy(asc(auditLog.id));
}

async function cardRow(cardId: number) {
  const { db } = testDb();
  const [row] = await db.select().from(cards).where(eq(cards.id, cardId));
  return row!;
}

async function setup(card: Parameters<typeof createCustomerWithCard>[1] = {}) {
  const { db } = testDb();
  const agent = await createStaff(db, { role: "agent" });
  const supervisor = await createStaff(db, { role: "supervisor" });
  const created = await createCustomerWithCard(db, { validityEnd: hkEnd(10), cn: uniqueCn(), ...card });
  return { db, agent, supervisor, ...created };
}

async function expectRefusal<E extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
  code: string,
  extra: Record<string, unknown> = {},
) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect(error).toMatchObject({ code, ...extra });
}

describe("suspendCard and liftSuspension", () => {
  it("suspends a lost card at an agent's hand: card row, open suspension and audit with the ticket commit together", async () => {
    const { db, agent, cardId, customerId } = await setup();
    const { suspensionId } = await suspendCard(
      { cardId, reason: "lost", note: null, context: { ticketRef: "TCK-77", channel: "phone" } },
      agent,
      lifecycleRules,
      db,
    );
    const card = await cardRow(cardId);
    expect(card).toMatchObject({ suspensionReason: "lost", suspendedBy: agent.id });
    expect(card.suspendedAt).not.toBeNull();
    const [suspension] = await db.select().from(cardSuspensions).where(eq(cardSuspensions.id, suspensionId));
    expect(suspension).toMatchObject({ cardId, reason: "lost", ticketReference: "TCK-77", liftedAt: null });
    const audit = await auditOf(cardId);
    expect(audit.at(-1)).toMatchObject({
      action: "card.suspend",
      actorStaffId: agent.id,
      customerId,
      ticketRef: "TCK-77",
      contactChannel: "phone",
      before: { state: "active" },
      after: { state: "suspended", reason: "lost", suspensionId },
    });
  });

  it("keeps renewal refused while suspended, through the one renewal check", async () => {
    const { db, agent, cardId } = await setup();
    const { planVersionId } = await createPlan(db);
    await suspendCard({ cardId, reason: "stolen", note: null }, agent, lifecycleRules, db);
    const input = await renewInput(db, cardId, planVersionId);
    const check = await checkRenewal(input, { ...rules, now: new Date() }, {}, db);
    expect(check.refusals.map((r) => r.code)).toContain("card_suspended");
    await expectRefusal(renewCard(input, agent, rules, db), PreconditionError, "renewal.card_suspended");
  });

  it("refuses an agent's fraud suspension, a fraud suspension without a note, and a second suspension, writing nothing", async () => {
    const { db, agent, supervisor, cardId, customerId } = await setup();
    const before = await footprint(customerId);
    await expectRefusal(
      suspendCard({ cardId, reason: "fraud", note: "chargebacks" }, agent, lifecycleRules, db),
      ForbiddenError,
      "lifecycle.errors.role_not_allowed",
    );
    await expectRefusal(
      suspendCard({ cardId, reason: "fraud", note: "  " }, supervisor, lifecycleRules, db),
      PreconditionError,
      "lifecycle.errors.note_required",
      { field: "note" },
    );
    await expectRefusal(
      suspendCard({ cardId, reason: "carrier", note: "carrier block" }, agent, lifecycleRules, db),
      ForbiddenError,
      "lifecycle.errors.role_not_allowed",
    );
    expect(await footprint(customerId)).toEqual(before);

    await suspendCard({ cardId, reason: "lost", note: null }, agent, lifecycleRules, db);
    const suspended = await footprint(customerId);
    await expectRefusal(
      suspendCard({ cardId, reason: "stolen", note: null }, agent, lifecycleRules, db),
      PreconditionError,
      "lifecycle.errors.already_suspended",
    );
    expect(await footprint(customerId)).toEqual(suspended);
  });

  it("refuses to suspend an expired card", async () => {
    const { db, agent, cardId, customerId } = await setup({ validityEnd: hkEnd(-45) });
    const before = await footprint(customerId);
    await expectRefusal(
      suspendCard({ cardId, reason: "lost", note: null }, agent, lifecycleRules, db),
      PreconditionError,
      "lifecycle.errors.card_expired",
    );
    expect(await footprint(customerId)).toEqual(before);
  });

  it("lifts a lost-card suspension only after the identity check, and records who, when and the ticket", async () => {
    const { db, agent, cardId, customerId } = await setup();
    await suspendCard({ cardId, reason: "lost", note: null }, agent, lifecycleRules, db);
    const before = await footprint(customerId);
    await expectRefusal(
      liftSuspension({ cardId, identityChecked: false, note: null }, agent, lifecycleRules, db),
      PreconditionError,
      "lifecycle.errors.identity_check_required",
      { field: "identityChecked" },
    );
    expect(await footprint(customerId)).toEqual(before);

    const { suspensionId } = await liftSuspension(
      { cardId, identityChecked: true, note: "found in a jacket", context: { ticketRef: "TCK-78" } },
      agent,
      lifecycleRules,
      db,
    );
    expect(await cardRow(cardId)).toMatchObject({ suspendedAt: null, suspensionReason: null, suspendedBy: null });
    const [suspension] = await db.select().from(cardSuspensions).where(eq(cardSuspensions.id, suspensionId));
    expect(suspension).toMatchObject({
      liftedBy: agent.id,
      liftTicketReference: "TCK-78",
      liftNote: "found in a jacket",
    });
    expect(suspension!.liftedAt).not.toBeNull();
    expect((await auditOf(cardId)).at(-1)).toMatchObject({
      action: "card.lift_suspension",
      ticketRef: "TCK-78",
      before: { state: "suspended", reason: "lost" },
      after: { reason: "lost", identityChecked: true, suspensionId },
    });
  });

  it("lets a supervisor, never an agent, lift a fraud suspension, and requires the supervisor's reason", async () => {
    const { db, agent, supervisor, cardId, customerId } = await setup();
    await suspendCard({ cardId, reason: "fraud", note: "three chargebacks" }, supervisor, lifecycleRules, db);
    const before = await footprint(customerId);
    await expectRefusal(
      liftSuspension({ cardId, identityChecked: true, note: "customer says ok" }, agent, lifecycleRules, db),
      ForbiddenError,
      "lifecycle.errors.role_not_allowed",
    );
    await expectRefusal(
      liftSuspension({ cardId, identityChecked: false, note: null }, supervisor, lifecycleRules, db),
      PreconditionError,
      "lifecycle.errors.note_required",
    );
    expect(await footprint(customerId)).toEqual(before);

    await liftSuspension(
      { cardId, identityChecked: false, note: "cleared by risk team" },
      supervisor,
      lifecycleRules,
      db,
    );
    expect((await cardRow(cardId)).suspendedAt).toBeNull();
    expect((await auditOf(cardId)).at(-1)).toMatchObject({
      action: "card.lift_suspension",
      actorStaffId: supervisor.id,
      reason: "cleared by risk team",
    });
  });

  it("refuses to lift a real-name suspension while a live number is not verified", async () => {
    const { db, agent, cardId, customerId } = await setup();
    await suspendCard({ cardId, reason: "real_name_missing", note: null }, agent, lifecycleRules, db);
    await db.update(cardNumbers).set({ realNameStatus: "pending" }).where(eq(cardNumbers.cardId, cardId));
    const before = await footprint(customerId);
    await expectRefusal(
      liftSuspension({ cardId, identityChecked: false, note: null }, agent, lifecycleRules, db),
      PreconditionError,
      "lifecycle.errors.real_name_not_verified",
    );
    expect(await footprint(customerId)).toEqual(before);
    await db.update(cardNumbers).set({ realNameStatus: "verified" }).where(eq(cardNumbers.cardId, cardId));
    await liftSuspension({ cardId, identityChecked: false, note: null }, agent, lifecycleRules, db);
    expect((await cardRow(cardId)).suspendedAt).toBeNull();
  });

  it("lets the row lock decide a suspension racing a renewal: the loser is refused by the renewal check, never both half-done", async () => {
    const { db, agent, cardId, customerId } = await setup();
    const { planVersionId } = await createPlan(db);
    const input = await renewInput(db, cardId, planVersionId);
    const [suspended, renewed] = await raceAtAudit<unknown>(process.env.DATABASE_URL!, [
      (race) => suspendCard({ cardId, reason: "lost", note: null }, agent, lifecycleRules, race),
      (race) => renewCard(input, agent, rules, race),
    ]);
    expect(suspended!.status).toBe("fulfilled");
    const renewalRows = await db.select({ id: renewals.id }).from(renewals).where(eq(renewals.cardId, cardId));
    if (renewed!.status === "rejected") {
      expect(renewed!.reason).toBeInstanceOf(PreconditionError);
      expect(renewed!.reason).toMatchObject({ code: "renewal.card_suspended" });
      expect(renewalRows).toHaveLength(0);
    } else {
      // The renewal held the lock first: it committed, then the suspension applied to the renewed card.
      expect(renewalRows).toHaveLength(1);
    }
    const { suspensions } = await footprint(customerId);
    expect(suspensions).toBe(1);
    expect((await cardRow(cardId)).suspensionReason).toBe("lost");
  });
});

describe("replaceCard", () => {
  it("moves numbers, validity, current and queued periods, data and stored value to the new SIM and pays the fee by WeChat Pay", async () => {
    const { db, agent, cardId, customerId, iccid } = await setup({ storedValue: 12_000 });
    const { planVersionId } = await createPlan(db);
    const now = Date.now();
    const current = await createRenewal(db, {
      cardId,
      planVersionId,
      startsAt: new Date(now - 5 * DAY_MS),
      endsAt: hkEnd(10),
      usedCnMb: 100,
    });
    const queued = await createRenewal(db, {
      cardId,
      planVersionId,
      startsAt: new Date(hkEnd(10).getTime() + 1000),
      endsAt: hkEnd(40),
    });
    const ended = await createRenewal(db, {
      cardId,
      planVersionId,
      startsAt: new Date(now - 60 * DAY_MS),
      endsAt: new Date(now - 31 * DAY_MS),
    });
    await db
      .update(cards)
      .set({ validityEnd: hkEnd(40) })
      .where(eq(cards.id, cardId));
    await suspendCard({ cardId, reason: "lost", note: null }, agent, lifecycleRules, db);
    const oldNumbers = await db
      .select({ msisdn: cardNumbers.msisdn, region: cardNumbers.region, realNameStatus: cardNumbers.realNameStatus })
      .from(cardNumbers)
      .where(eq(cardNumbers.cardId, cardId))
      .orderBy(asc(cardNumbers.region));

    const reference = newReference();
    const input = replaceCardInput(cardId, { fee: { kind: "paid", method: "wechat_pay", currency: "HKD", reference } });
    const { newCardId, successionId } = await replaceCard(input, agent, replacementRules, db);

    const [oldCard, newCard] = [await cardRow(cardId), await cardRow(newCardId)];
    expect(oldCard).toMatchObject({ replacedByCardId: newCardId, storedValueHkdMinor: 0, iccid });
    expect(oldCard.replacedAt).not.toBeNull();
    expect(newCard).toMatchObject({
      customerId,
      iccid: input.newIccid,
      form: "physical",
      validityEnd: hkEnd(40),
      storedValueHkdMinor: 12_000,
      // A lost SIM's suspension stays with the old SIM.
      suspendedAt: null,
    });

    const newNumbers = await db
      .select({
        msisdn: cardNumbers.msisdn,
        region: cardNumbers.region,
        realNameStatus: cardNumbers.realNameStatus,
        releasedAt: cardNumbers.releasedAt,
      })
      .from(cardNumbers)
      .where(eq(cardNumbers.cardId, newCardId))
      .orderBy(asc(cardNumbers.region));
    expect(newNumbers).toEqual(oldNumbers.map((n) => ({ ...n, releasedAt: null })));
    const history = await db
      .select({ releasedAt: cardNumbers.releasedAt })
      .from(cardNumbers)
      .where(eq(cardNumbers.cardId, cardId));
    expect(history).toHaveLength(oldNumbers.length);
    expect(history.every((n) => n.releasedAt !== null)).toBe(true);

    const periodCards = await db
      .select({ renewalId: periods.renewalId, cardId: periods.cardId, usedCnMb: periods.usedCnMb })
      .from(periods)
      .where(sql`${periods.renewalId} in (${current.id}, ${queued.id}, ${ended.id})`)
      .orderBy(asc(periods.renewalId));
    expect(periodCards).toEqual([
      { renewalId: current.id, cardId: newCardId, usedCnMb: 100 },
      { renewalId: queued.id, cardId: newCardId, usedCnMb: 0 },
      { renewalId: ended.id, cardId, usedCnMb: 0 },
    ]);
    const renewalCards = await db
      .select({ id: renewals.id, cardId: renewals.cardId })
      .from(renewals)
      .where(sql`${renewals.id} in (${current.id}, ${queued.id}, ${ended.id})`)
      .orderBy(asc(renewals.id));
    expect(renewalCards.map((r) => r.cardId)).toEqual([newCardId, newCardId, cardId]);
    const movedPayments = await db
      .select({ cardId: payments.cardId })
      .from(payments)
      .where(sql`${payments.renewalId} in (${current.id}, ${queued.id})`);
    expect(movedPayments.every((p) => p.cardId === newCardId)).toBe(true);

    const [fee] = await db
      .select()
      .from(payments)
      .where(and(eq(payments.purpose, "replacement_fee"), eq(payments.cardId, newCardId)));
    expect(fee).toMatchObject({
      method: "wechat_pay",
      reference,
      amountMinor: 5000,
      currency: "HKD",
      renewalId: null,
      receivedBy: agent.id,
    });
    const [succession] = await db.select().from(cardSuccessions).where(eq(cardSuccessions.id, successionId));
    expect(succession).toMatchObject({
      kind: "replacement",
      oldCardId: cardId,
      newCardId,
      reason: "lost",
      handover: "pickup",
      paymentId: fee!.id,
      feeMinor: 5000,
      ticketReference: "TCK-1001",
    });

    const ledger = await db
      .select({
        cardId: storedValueLedger.cardId,
        delta: storedValueLedger.deltaMinor,
        after: storedValueLedger.balanceAfterMinor,
        reason: storedValueLedger.reason,
      })
      .from(storedValueLedger)
      .where(sql`${storedValueLedger.cardId} in (${cardId}, ${newCardId})`)
      .orderBy(asc(storedValueLedger.id));
    expect(ledger).toEqual([
      { cardId, delta: -12_000, after: 0, reason: "replacement_transfer" },
      { cardId: newCardId, delta: 12_000, after: 12_000, reason: "replacement_transfer" },
    ]);

    const [oldSuspension] = await db.select().from(cardSuspensions).where(eq(cardSuspensions.cardId, cardId));
    expect(oldSuspension).toMatchObject({ endedByReplacementId: successionId });
    expect((await auditOf(cardId)).at(-1)).toMatchObject({
      action: "card.replace",
      ticketRef: "TCK-1001",
      before: { state: "suspended", storedValueHkdMinor: 12_000 },
      after: { state: "replaced", replacedByCardId: newCardId },
    });
    expect((await auditOf(newCardId)).at(-1)).toMatchObject({
      action: "card.replacement_issued",
      customerId,
      after: { replacesCardId: cardId, storedValueHkdMinor: 12_000, renewalIds: [current.id, queued.id] },
    });

    // The old card can no longer be renewed; the new one can.
    const input2 = await renewInput(db, newCardId, planVersionId);
    const oldCheck = await checkRenewal({ ...input2, cardId }, { ...rules, now: new Date() }, {}, db);
    expect(oldCheck.refusals.map((r) => r.code)).toContain("card_replaced");
  });

  it("pays the fee from stored value before moving the rest, and keeps a real-name suspension on the new SIM", async () => {
    const { db, agent, cardId } = await setup({ storedValue: 8000 });
    await suspendCard({ cardId, reason: "real_name_missing", note: null }, agent, lifecycleRules, db);
    const { newCardId } = await replaceCard(
      replaceCardInput(cardId, {
        reason: "damaged",
        form: "esim",
        handover: null,
        fee: { kind: "paid", method: "stored_value", currency: "HKD", reference: null },
      }),
      agent,
      replacementRules,
      db,
    );
    const newCard = await cardRow(newCardId);
    expect(newCard).toMatchObject({ storedValueHkdMinor: 3000, suspensionReason: "real_name_missing", form: "esim" });
    const ledger = await db
      .select({
        cardId: storedValueLedger.cardId,
        delta: storedValueLedger.deltaMinor,
        reason: storedValueLedger.reason,
      })
      .from(storedValueLedger)
      .where(sql`${storedValueLedger.cardId} in (${cardId}, ${newCardId})`)
      .orderBy(asc(storedValueLedger.id));
    expect(ledger).toEqual([
      { cardId, delta: -5000, reason: "replacement_fee" },
      { cardId, delta: -3000, reason: "replacement_transfer" },
      { cardId: newCardId, delta: 3000, reason: "replacement_transfer" },
    ]);
    const [open] = await db
      .select()
      .from(cardSuspensions)
      .where(and(eq(cardSuspensions.cardId, newCardId)));
    expect(open).toMatchObject({ reason: "real_name_missing", liftedAt: null });
  });

  it("lets a supervisor waive the fee with a reason, and refuses the waiver to an agent", async () => {
    const { db, agent, supervisor, cardId, customerId } = await setup();
    const before = await footprint(customerId);
    const waived = { kind: "waived" as const, reason: "network fault damaged the SIM", currency: "HKD" as const };
    await expectRefusal(
      replaceCard(replaceCardInput(cardId, { fee: waived }), agent, replacementRules, db),
      ForbiddenError,
      "lifecycle.errors.waive_not_allowed",
    );
    expect(await footprint(customerId)).toEqual(before);
    const { successionId } = await replaceCard(
      replaceCardInput(cardId, { reason: "damaged", fee: waived }),
      supervisor,
      replacementRules,
      db,
    );
    const [succession] = await db.select().from(cardSuccessions).where(eq(cardSuccessions.id, successionId));
    expect(succession).toMatchObject({
      paymentId: null,
      feeWaivedBy: supervisor.id,
      feeWaiveReason: waived.reason,
      feeMinor: 5000,
    });
    expect((await auditOf(cardId)).at(-1)).toMatchObject({ action: "card.replace", reason: waived.reason });
  });

  it("refuses each bad replacement with its reason and writes nothing", async () => {
    const { db, agent, supervisor, cardId, customerId } = await setup({ storedValue: 1000 });
    const other = await createCustomerWithCard(db);
    const good = newIccid();
    const typo = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    const before = await footprint(customerId);
    await expectRefusal(
      replaceCard(replaceCardInput(cardId, { newIccid: typo }), agent, replacementRules, db),
      PreconditionError,
      "lifecycle.errors.iccid_check_digit",
      { field: "newIccid" },
    );
    await expectRefusal(
      replaceCard(replaceCardInput(cardId, { newIccid: "8985" }), agent, replacementRules, db),
      PreconditionError,
      "lifecycle.errors.iccid_format",
      { field: "newIccid" },
    );
    await expectRefusal(
      replaceCard(replaceCardInput(cardId, { newIccid: other.iccid }), agent, replacementRules, db),
      ConflictError,
      "lifecycle.errors.iccid_used",
      { params: { cardId: other.cardId }, field: "newIccid" },
    );
    await expectRefusal(
      replaceCard(
        replaceCardInput(cardId, { fee: { kind: "paid", method: "fps", currency: "HKD", reference: null } }),
        agent,
        replacementRules,
        db,
      ),
      PreconditionError,
      "renewal.reference_required",
    );
    await expectRefusal(
      replaceCard(
        replaceCardInput(cardId, { fee: { kind: "paid", method: "stored_value", currency: "HKD", reference: null } }),
        agent,
        replacementRules,
        db,
      ),
      PreconditionError,
      "renewal.stored_value_short",
    );
    await expectRefusal(
      replaceCard(
        replaceCardInput(cardId, { handover: "delivery", deliveryAddress: " " }),
        agent,
        replacementRules,
        db,
      ),
      PreconditionError,
      "lifecycle.errors.address_required",
    );
    const usedReference = newReference();
    await replaceCard(
      replaceCardInput(other.cardId, {
        fee: { kind: "paid", method: "alipay", currency: "CNY", reference: usedReference },
      }),
      agent,
      replacementRules,
      db,
    );
    await expectRefusal(
      replaceCard(
        replaceCardInput(cardId, {
          fee: { kind: "paid", method: "alipay", currency: "CNY", reference: usedReference },
        }),
        agent,
        replacementRules,
        db,
      ),
      ConflictError,
      "renewal.reference_used_other",
      { field: "reference" },
    );
    expect(await footprint(customerId)).toEqual(before);

    await suspendCard({ cardId, reason: "fraud", note: "ring of SIM swaps" }, supervisor, lifecycleRules, db);
    const suspended = await footprint(customerId);
    await expectRefusal(
      replaceCard(replaceCardInput(cardId), agent, replacementRules, db),
      PreconditionError,
      "lifecycle.errors.fraud_blocks_replacement",
    );
    expect(await footprint(customerId)).toEqual(suspended);
  });

  it("refuses an expired card and a card already replaced, naming its successor", async () => {
    const { db, agent, cardId, customerId } = await setup();
    const { newCardId } = await replaceCard(replaceCardInput(cardId), agent, replacementRules, db);
    const before = await footprint(customerId);
    await expectRefusal(
      replaceCard(replaceCardInput(cardId), agent, replacementRules, db),
      ConflictError,
      "lifecycle.errors.already_replaced",
      { params: { cardId: newCardId } },
    );
    await expectRefusal(
      suspendCard({ cardId, reason: "lost", note: null }, agent, lifecycleRules, db),
      PreconditionError,
      "lifecycle.errors.card_replaced",
      { params: { cardId: newCardId } },
    );
    expect(await footprint(customerId)).toEqual(before);

    const expired = await setup({ validityEnd: hkEnd(-45) });
    const expiredBefore = await footprint(expired.customerId);
    await expectRefusal(
      replaceCard(replaceCardInput(expired.cardId), agent, replacementRules, db),
      PreconditionError,
      "lifecycle.errors.replace_expired",
    );
    expect(await footprint(expired.customerId)).toEqual(expiredBefore);
  });

  it("lets exactly one of two agents replacing one card at once win; the other is told which card replaced it", async () => {
    const { db, agent, cardId, customerId } = await setup();
    const second = await createStaff(db, { role: "agent" });
    const results = await raceAtAudit(process.env.DATABASE_URL!, [
      (race) => replaceCard(replaceCardInput(cardId), agent, replacementRules, race),
      (race) => replaceCard(replaceCardInput(cardId), second, replacementRules, race),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ newCardId: number }>).value.newCardId;
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
      code: "lifecycle.errors.already_replaced",
      params: { cardId: winner },
    });
    const after = await footprint(customerId);
    expect(after).toMatchObject({ cards: 2, successions: 1, payments: 1 });
  });
});

describe("issueNewCard", () => {
  it("gives the customer of an expired card a new card with new numbers, then its first renewal", async () => {
    const { db, agent, cardId, customerId } = await setup({ validityEnd: hkEnd(-45), storedValue: 4500 });
    const { planVersionId } = await createPlan(db);
    const hk = uniqueHk();
    const cn = uniqueCn();
    const { newCardId } = await issueNewCard(
      {
        cardId,
        newIccid: newIccid(),
        form: "physical",
        hkNumber: `${hk.slice(0, 4)} ${hk.slice(4)}`,
        cnNumber: cn,
        context: { ticketRef: "TCK-9" },
      },
      agent,
      lifecycleRules,
      db,
    );
    const numbers = await db
      .select({ msisdn: cardNumbers.msisdn, releasedAt: cardNumbers.releasedAt })
      .from(cardNumbers)
      .where(eq(cardNumbers.cardId, newCardId))
      .orderBy(asc(cardNumbers.region));
    expect(numbers).toEqual([
      { msisdn: `+852${hk}`, releasedAt: null },
      { msisdn: `+86${cn}`, releasedAt: null },
    ]);
    const released = await db
      .select({ releasedAt: cardNumbers.releasedAt })
      .from(cardNumbers)
      .where(eq(cardNumbers.cardId, cardId));
    expect(released.every((n) => n.releasedAt !== null)).toBe(true);
    // The expired card keeps its forfeited balance on record; nothing moves to the new card.
    expect(await cardRow(cardId)).toMatchObject({ storedValueHkdMinor: 4500, replacedAt: null });
    expect(await cardRow(newCardId)).toMatchObject({ customerId, storedValueHkdMinor: 0 });
    expect((await auditOf(cardId)).at(-1)).toMatchObject({
      action: "card.new_card_issued",
      ticketRef: "TCK-9",
      before: { storedValueHkdMinor: 4500 },
      after: { newCardId },
    });
    expect((await auditOf(newCardId)).at(-1)).toMatchObject({ action: "card.issue", after: { followsCardId: cardId } });

    const { renewalId } = await renewCard(
      await renewInput(db, newCardId, planVersionId, { smsMsisdn: `+852${hk}` }),
      agent,
      rules,
      db,
    );
    const [renewal] = await db.select().from(renewals).where(eq(renewals.id, renewalId));
    expect(renewal!.cardId).toBe(newCardId);
    expect((await cardRow(newCardId)).validityEnd.getTime()).toBeGreaterThan(Date.now() + 28 * DAY_MS);
  });

  it("issues again a number that was on an expired card, and refuses one on a live card, naming it", async () => {
    const { db, agent, cardId, customerId } = await setup({ validityEnd: hkEnd(-45) });
    const expiredElsewhere = await createCustomerWithCard(db, { validityEnd: hkEnd(-60) });
    const live = await createCustomerWithCard(db, { validityEnd: hkEnd(5) });
    const before = await footprint(customerId);
    await expectRefusal(
      issueNewCard(
        { cardId, newIccid: newIccid(), form: "esim", hkNumber: live.msisdn!, cnNumber: null },
        agent,
        lifecycleRules,
        db,
      ),
      ConflictError,
      "lifecycle.errors.number_in_use",
      { params: { cardId: live.cardId }, field: "hkNumber" },
    );
    await expectRefusal(
      issueNewCard(
        { cardId, newIccid: newIccid(), form: "esim", hkNumber: "1234", cnNumber: null },
        agent,
        lifecycleRules,
        db,
      ),
      PreconditionError,
      "lifecycle.errors.hk_number_format",
      { field: "hkNumber" },
    );
    await expectRefusal(
      issueNewCard(
        { cardId, newIccid: newIccid(), form: "esim", hkNumber: null, cnNumber: "23812345678" },
        agent,
        lifecycleRules,
        db,
      ),
      PreconditionError,
      "lifecycle.errors.cn_number_format",
      { field: "cnNumber" },
    );
    await expectRefusal(
      issueNewCard(
        { cardId, newIccid: newIccid(), form: "esim", hkNumber: null, cnNumber: null },
        agent,
        lifecycleRules,
        db,
      ),
      PreconditionError,
      "lifecycle.errors.number_required",
    );
    await expectRefusal(
      issueNewCard(
        { cardId, newIccid: live.iccid, form: "esim", hkNumber: uniqueHk(), cnNumber: null },
        agent,
        lifecycleRules,
        db,
      ),
      ConflictError,
      "lifecycle.errors.iccid_used",
      { params: { cardId: live.cardId } },
    );
    expect(await footprint(customerId)).toEqual(before);

    const { newCardId } = await issueNewCard(
      { cardId, newIccid: newIccid(), form: "esim", hkNumber: expiredElsewhere.msisdn!, cnNumber: null },
      agent,
      lifecycleRules,
      db,
    );
    const [recycled] = await db
      .select({ cardId: cardNumbers.cardId })
      .from(cardNumbers)
      .where(and(eq(cardNumbers.msisdn, expiredElsewhere.msisdn!), sql`${cardNumbers.releasedAt} is null`));
    expect(recycled!.cardId).toBe(newCardId);

    const issued = await footprint(customerId);
    await expectRefusal(
      issueNewCard(
        { cardId, newIccid: newIccid(), form: "esim", hkNumber: uniqueHk(), cnNumber: null },
        agent,
        lifecycleRules,
        db,
      ),
      ConflictError,
      "lifecycle.errors.new_card_exists",
      { params: { cardId: newCardId } },
    );
    expect(await footprint(customerId)).toEqual(issued);
  });

  it("refuses a new card while the old one is still active or in grace", async () => {
    const { db, agent, cardId, customerId } = await setup({ validityEnd: hkEnd(-3) });
    const before = await footprint(customerId);
    await expectRefusal(
      issueNewCard(
        { cardId, newIccid: newIccid(), form: "esim", hkNumber: uniqueHk(), cnNumber: null },
        agent,
        lifecycleRules,
        db,
      ),
      PreconditionError,
      "lifecycle.errors.not_expired",
    );
    expect(await footprint(customerId)).toEqual(before);
  });
});

describe("the carrier's side of the lifecycle", () => {
  it("queues suspend, resume and swap in the step's own transaction, fails them while the carrier is down, and retries them", async () => {
    const { db, agent, cardId } = await setup();
    const down = simulatedCarrier("fail");
    const up = simulatedCarrier("ok");

    const suspended = await suspendCard({ cardId, reason: "lost", note: null }, agent, lifecycleRules, db);
    const [failed] = await performCarrierRequests([suspended.carrierRequestId], agent, down, db);
    expect(failed).toMatchObject({ outcome: "retrying" });
    const [request] = await db.select().from(carrierRequests).where(eq(carrierRequests.id, suspended.carrierRequestId));
    expect(request).toMatchObject({ kind: "suspend", cardId, status: "pending", attempts: 1 });
    expect(request!.lastError).toContain("simulated");
    // The suspension itself committed before the carrier was asked: it stands while the carrier is down.
    expect((await cardRow(cardId)).suspensionReason).toBe("lost");

    const [retried] = await retryCarrierRequests([suspended.carrierRequestId], agent, up, db);
    expect(retried).toMatchObject({ outcome: "succeeded" });
    expect((await auditOf(cardId)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["card.suspend", "card.carrier_suspend_failed", "card.carrier_suspend"]),
    );

    const { newCardId, carrierRequestIds } = await replaceCard(replaceCardInput(cardId), agent, replacementRules, db);
    expect(carrierRequestIds).toHaveLength(1);
    const [swapFailed] = await performCarrierRequests(carrierRequestIds, agent, down, db);
    expect(swapFailed).toMatchObject({ outcome: "retrying" });
    const [swap] = await db.select().from(carrierRequests).where(eq(carrierRequests.id, carrierRequestIds[0]!));
    expect(swap).toMatchObject({
      kind: "swap",
      cardId: newCardId,
      payload: { newIccid: (await cardRow(newCardId)).iccid },
    });
    const [swapped] = await performCarrierRequests(carrierRequestIds, agent, up, db);
    expect(swapped).toMatchObject({ outcome: "succeeded" });

    // A card that never got a carrier answer can still be lifted; its resume is queued like the rest.
    const other = await setup();
    await suspendCard({ cardId: other.cardId, reason: "stolen", note: null }, agent, lifecycleRules, db);
    const lifted = await liftSuspension(
      { cardId: other.cardId, identityChecked: true, note: null },
      agent,
      lifecycleRules,
      db,
    );
    const [resume] = await db.select().from(carrierRequests).where(eq(carrierRequests.id, lifted.carrierRequestId));
    expect(resume).toMatchObject({ kind: "resume", cardId: other.cardId, status: "pending" });
  });

  it("writes no carrier request when the step is refused", async () => {
    const { db, agent, cardId } = await setup();
    await expectRefusal(
      suspendCard({ cardId, reason: "fraud", note: "x" }, agent, lifecycleRules, db),
      ForbiddenError,
      "lifecycle.errors.role_not_allowed",
    );
    const requests = await db.select().from(carrierRequests).where(eq(carrierRequests.cardId, cardId));
    expect(requests).toHaveLength(0);
  });
});

describe("lifecycle in the reports", () => {
  it("counts suspensions, lifts and replacements per Hong Kong day apart from renewals, and replacement fees per currency", async () => {
    const { db } = testDb();
    const agent = await createStaff(db, { role: "agent" });
    const supervisor = await createStaff(db, { role: "supervisor" });
    // A day of its own, far from every other test's rows (the plan id only makes it unique).
    const { planId } = await createPlan(db);
    const now = isolatedNow(planId);
    const day = hkDay(now);
    const at = { graceDays: rules.graceDays, now: () => now };
    const validityEnd = new Date(now.getTime() + 20 * DAY_MS);
    const a = await createCustomerWithCard(db, { validityEnd });
    const b = await createCustomerWithCard(db, { validityEnd });
    const c = await createCustomerWithCard(db, { validityEnd });

    await suspendCard({ cardId: a.cardId, reason: "lost", note: null }, agent, at, db);
    await liftSuspension({ cardId: a.cardId, identityChecked: true, note: null }, agent, at, db);
    await suspendCard({ cardId: b.cardId, reason: "stolen", note: null }, agent, at, db);
    // b's suspension ends with its replacement: counted as a replacement, not as a lift.
    await replaceCard(
      replaceCardInput(b.cardId, { reason: "stolen" }),
      agent,
      { ...replacementRules, now: () => now },
      db,
    );
    await replaceCard(
      replaceCardInput(c.cardId, {
        reason: "damaged",
        fee: { kind: "paid", method: "cash", currency: "CNY", reference: null },
      }),
      agent,
      { ...replacementRules, now: () => now },
      db,
    );

    const range = { from: day, to: day };
    const counts = await listDailyLifecycle(range, db);
    expect(counts.sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([
      { day, kind: "lifts", count: 1 },
      { day, kind: "replacements", count: 2 },
      { day, kind: "suspensions", count: 2 },
    ]);
    const fees = await listDailyReplacementFees(range, supervisor, db);
    expect(fees.sort((x, y) => x.currency.localeCompare(y.currency))).toEqual([
      { day, currency: "CNY", revenueMinor: 4500 },
      { day, currency: "HKD", revenueMinor: 5000 },
    ]);
    await expectRefusal(listDailyReplacementFees(range, agent, db), ForbiddenError, "forbidden");
  });
});
