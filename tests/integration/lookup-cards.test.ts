import { describe, expect, it } from "vitest";
import {
  getCard,
  getCardPeriods,
  getCardSummaries,
  listCardAudit,
  listCardNotifications,
  listCardRenewals,
  listCustomerCards,
} from "@/db/queries/cards";
import { getCustomer } from "@/db/queries/customers";
import { testDb } from "../helpers/db";
import {
  createAuditEntry,
  createCard,
  createCustomer,
  createNotification,
  createPlan,
  createRenewal,
  createStaff,
  uniqueCn,
  uniqueHk,
} from "../helpers/factories";

const DAY = 86_400_000;
const NOW = new Date("2026-11-25T02:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

/** A card with a finished period, the current one (30 days from 10 days ago) and two queued. */
async function cardWithHistory() {
  const { db } = testDb();
  const { planVersionId } = await createPlan(db, { nameEn: "Lookup Monthly", nameZh: "查询月卡", status: "draft" });
  const agent = await createStaff(db, { name: "Lookup Agent" });
  const customerId = await createCustomer(db, { nameZh: "历史客户", nameEn: "History Customer" });
  const hk = uniqueHk();
  const { cardId } = await createCard(db, customerId, { hk, validityEnd: at(80) });
  const { id: old } = await createRenewal(db, {
    cardId,
    planVersionId,
    createdAt: at(-41),
    startsAt: at(-40),
    endsAt: at(-10),
    soldBy: agent.id,
  });
  const { id: current } = await createRenewal(db, {
    cardId,
    planVersionId,
    createdAt: at(-11),
    startsAt: at(-10),
    endsAt: at(20),
    usedCnMb: 1024,
    usedHkMb: 4000,
  });
  const { id: queued1 } = await createRenewal(db, {
    cardId,
    planVersionId,
    createdAt: at(-2),
    startsAt: at(20),
    endsAt: at(50),
    soldBy: agent.id,
  });
  const { id: queued2 } = await createRenewal(db, {
    cardId,
    planVersionId,
    createdAt: at(-1),
    startsAt: at(50),
    endsAt: at(80),
    soldBy: agent.id,
  });
  return { customerId, cardId, hk, agent, renewals: { old, current, queued1, queued2 } };
}

describe("getCard", () => {
  it("returns the card with its numbers when it belongs to the customer", async () => {
    const { db } = testDb();
    const customerId = await createCustomer(db, { nameEn: "Card Owner" });
    const [hk, cn] = [uniqueHk(), uniqueCn()];
    const { cardId, iccid } = await createCard(db, customerId, { hk, cn, storedValue: 12_300 });
    const card = await getCard({ customerId, cardId }, db);
    expect(card).toMatchObject({
      id: cardId,
      customerId,
      iccid,
      storedValueHkdMinor: 12_300,
      customerNameEn: "Card Owner",
    });
    expect(card?.numbers.map((n) => n.msisdn)).toEqual([`+852${hk}`, `+86${cn}`]);
  });

  it("is null for another customer's card, as for an unknown one", async () => {
    const { db } = testDb();
    const owner = await createCustomer(db);
    const other = await createCustomer(db);
    const { cardId } = await createCard(db, owner);
    expect(await getCard({ customerId: other, cardId }, db)).toBeNull();
    expect(await getCard({ customerId: owner, cardId: 2_000_000_000 }, db)).toBeNull();
  });
});

describe("getCustomer", () => {
  it("returns only the last four characters of the identity document", async () => {
    const { db } = testDb();
    const id = await createCustomer(db, {
      nameEn: "Document Holder",
      idDocumentLast4: "567A",
      notes: "Prefers WhatsApp",
    });
    expect(await getCustomer(id, db)).toMatchObject({
      id,
      idDocumentType: "hkid",
      idDocumentLast4: "567A",
      notes: "Prefers WhatsApp",
    });
    expect(await getCustomer(2_000_000_000, db)).toBeNull();
  });
});

describe("getCardPeriods", () => {
  it("returns the period in use and the queued ones in start order", async () => {
    const { cardId, renewals } = await cardWithHistory();
    const periods = await getCardPeriods({ cardId, now: NOW }, testDb().db);
    expect(periods.current).toMatchObject({
      renewalId: renewals.current,
      usedCnMb: 1024,
      dataCnMb: 8192,
      planNameEn: "Lookup Monthly",
    });
    expect(periods.queued.map((p) => p.renewalId)).toEqual([renewals.queued1, renewals.queued2]);
  });

  it("keeps the last period used, but none in use, once validity has ended", async () => {
    const { cardId, renewals } = await cardWithHistory();
    const periods = await getCardPeriods({ cardId, now: at(90) }, testDb().db);
    expect(periods).toMatchObject({ current: null, last: { renewalId: renewals.queued2, endsAt: at(80) }, queued: [] });
  });
});

describe("getCardSummaries", () => {
  it("gives the data left in the period in use", async () => {
    const { cardId } = await cardWithHistory();
    const [summary] = await getCardSummaries([cardId], { now: NOW }, testDb().db);
    expect(summary?.dataLeft).toEqual({ cnMb: 8192 - 1024, hkMb: 4096 - 4000 });
    expect(summary?.period?.planNameZh).toBe("查询月卡");
  });

  it("keeps the last plan but no data once every period has ended", async () => {
    const { cardId } = await cardWithHistory();
    const [summary] = await getCardSummaries([cardId], { now: at(90) }, testDb().db);
    expect(summary?.dataLeft).toBeNull();
    expect(summary?.period?.endsAt).toEqual(at(80));
  });
});

describe("listCardRenewals", () => {
  it("pages the history newest first, each renewal once, with payment and agent", async () => {
    const { db } = testDb();
    const { cardId, renewals } = await cardWithHistory();
    const first = await listCardRenewals({ cardId, limit: 3 }, db);
    expect(first.items.map((r) => r.id)).toEqual([renewals.queued2, renewals.queued1, renewals.current]);
    expect(first.hasMore).toBe(true);
    expect(first.items[0]).toMatchObject({
      soldByName: "Lookup Agent",
      payment: { method: "fps", amountMinor: 9800 },
      planVersion: 1,
    });
    expect(first.items[2]?.soldByName).toBeNull();
    const second = await listCardRenewals({ cardId, afterRenewalId: first.items.at(-1)!.id, limit: 3 }, db);
    expect(second).toMatchObject({
      items: [expect.objectContaining({ id: renewals.old, periodStartsAt: at(-40) })],
      hasMore: false,
    });
  });

  it("gives an empty page for a cursor that names another card's renewal", async () => {
    const { db } = testDb();
    const mine = await cardWithHistory();
    const theirs = await cardWithHistory();
    expect(
      (await listCardRenewals({ cardId: mine.cardId, afterRenewalId: theirs.renewals.queued2, limit: 10 }, db)).items,
    ).toEqual([]);
  });
});

describe("listCardNotifications and listCardAudit", () => {
  it("page the card's messages newest first", async () => {
    const { db } = testDb();
    const { cardId, hk, renewals } = await cardWithHistory();
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(await createNotification(db, { cardId, renewalId: renewals.current, toMsisdn: `+852${hk}` }));
    const first = await listCardNotifications({ cardId, limit: 2 }, db);
    expect(first.items.map((n) => n.id)).toEqual([ids[2], ids[1]]);
    const second = await listCardNotifications({ cardId, afterId: ids[1], limit: 2 }, db);
    expect(second).toMatchObject({ items: [expect.objectContaining({ id: ids[0] })], hasMore: false });
  });

  it("merge what was done to the card, its renewals and its messages, and nothing of other cards", async () => {
    const { db } = testDb();
    const { cardId, hk, renewals, agent } = await cardWithHistory();
    const other = await cardWithHistory();
    const notificationId = await createNotification(db, { cardId, toMsisdn: `+852${hk}` });
    const entries = [
      await createAuditEntry(db, {
        action: "card.renew",
        entityType: "card",
        entityId: cardId,
        actorStaffId: agent.id,
        after: { validityEnd: "2027-01-01" },
      }),
      await createAuditEntry(db, { action: "card.renew", entityType: "card", entityId: other.cardId }),
      await createAuditEntry(db, { action: "renewal.activate", entityType: "renewal", entityId: renewals.queued2 }),
      await createAuditEntry(db, {
        action: "renewal.activate",
        entityType: "renewal",
        entityId: other.renewals.queued2,
      }),
      await createAuditEntry(db, {
        action: "notification.resend",
        entityType: "notification",
        entityId: notificationId,
        actorStaffId: agent.id,
      }),
    ];
    const page = await listCardAudit({ cardId, limit: 10 }, db);
    expect(page.items.map((e) => e.id)).toEqual([entries[4], entries[2], entries[0]]);
    expect(page.items[2]).toMatchObject({
      action: "card.renew",
      actorName: "Lookup Agent",
      after: { validityEnd: "2027-01-01" },
    });
    expect(page.items[2]?.createdAt).toBeInstanceOf(Date);
    expect(Number.isNaN(page.items[2]!.createdAt.getTime())).toBe(false);

    const firstTwo = await listCardAudit({ cardId, limit: 2 }, db);
    expect(firstTwo.hasMore).toBe(true);
    const rest = await listCardAudit({ cardId, afterId: firstTwo.items.at(-1)!.id, limit: 2 }, db);
    expect(rest).toMatchObject({ items: [expect.objectContaining({ id: entries[0] })], hasMore: false });
  });
});

describe("listCustomerCards", () => {
  it("pages a customer's cards in id order with their state inputs", async () => {
    const { db } = testDb();
    const customerId = await createCustomer(db, { nameEn: "Three Cards Ltd" });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createCard(db, customerId, { suspended: i === 1 })).cardId);
    const first = await listCustomerCards({ customerId, limit: 2 }, db);
    expect(first.items.map((c) => c.cardId)).toEqual(ids.slice(0, 2));
    expect(first.items[1]?.suspendedAt).toBeInstanceOf(Date);
    const second = await listCustomerCards({ customerId, afterCardId: ids[1], limit: 2 }, db);
    expect(second).toMatchObject({ items: [expect.objectContaining({ cardId: ids[2] })], hasMore: false });
  });
});
