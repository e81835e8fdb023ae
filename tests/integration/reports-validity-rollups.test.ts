import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { grantGoodwill } from "@/db/mutations/grant-goodwill";
import { issueNewCard } from "@/db/mutations/issue-new-card";
import { liftSuspension } from "@/db/mutations/lift-suspension";
import { renewCard } from "@/db/mutations/renew-card";
import { replaceCard } from "@/db/mutations/replace-card";
import { suspendCard } from "@/db/mutations/suspend-card";
import { voidRenewal } from "@/db/mutations/void-renewal";
import { summariseGoodwill } from "@/db/queries/goodwill";
import { listDailyReplacementFees } from "@/db/queries/lifecycle-reports";
import { countCardsInGrace, listExpirationsAhead, listLapsedCards } from "@/db/queries/reports";
import { compareCountRollups, type CountDifference } from "@/db/queries/rollup-check";
import { addDays, DAY_MS, hkDay, hkEndOfDay, hkStartOfDay } from "@/lib/domain/time";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import { rawCardsInGrace, rawExpirationsAhead, rawLapsedCards } from "../helpers/report-oracles";
import {
  createCustomerWithCard,
  createPlan,
  createStaff,
  isolatedNow,
  newIccid,
  newReference,
  recordRenewal,
  recordVoid,
  replaceCardInput,
  renewInput,
  rules,
  uniqueCn,
  uniqueHk,
} from "../helpers/factories";

const sorted = <T>(rows: T[]) => [...rows].map((r) => JSON.stringify(r)).sort();

/** Every key where a validity-end, goodwill or fee rollup disagrees with its raw rows (one statement each: one snapshot). */
async function differences(
  tables: string[],
  range = { from: hkDay(new Date(Date.now() - 2 * DAY_MS)), to: hkDay(new Date()) },
) {
  const { db } = testDb();
  const all: CountDifference[] = await compareCountRollups(range, db);
  return all.filter((d) => tables.includes(d.table));
}

const validityTables = ["card_validity_ends", "renewal_previous_ends"];

const replacementRules = { graceDays: rules.graceDays, fees: { HKD: 5000, CNY: 4500 } };
// Enough connections for the writers to really overlap.
const concurrent = createDb(process.env.DATABASE_URL!, { max: 8, applicationName: "renewal-desk-tests-concurrent" });
afterAll(() => concurrent.close());

describe("validity-end rollups", () => {
  it("follow renewals, voids, goodwill, suspensions, lifts, replacements and new cards", async () => {
    const { db } = testDb();
    const agent = await createStaff(db, { role: "agent" });
    const supervisor = await createStaff(db, { role: "supervisor" });
    const { planVersionId } = await createPlan(db);
    const card = await createCustomerWithCard(db, { validityEnd: hkEnd(10), cn: uniqueCn() });
    expect(await differences(validityTables)).toEqual([]);

    // A renewal (stack) moves the end, and counts the old end as renewed; its void moves both back.
    const { renewalId } = await renewCard(await renewInput(db, card.cardId, planVersionId), agent, rules, db);
    expect(await differences(validityTables)).toEqual([]);
    await voidRenewal(
      { renewalId, reason: "Customer paid twice", refundReference: newReference() },
      supervisor,
      {},
      db,
    );
    expect(await differences(validityTables)).toEqual([]);

    // Goodwill (the outage bulk job is checked in desk-goodwill.test.ts: a worker here would take that file's items).
    await grantGoodwill(
      { idempotencyKey: randomUUID(), cardId: card.cardId, days: 3, reasonCode: "complaint", reason: "slow data" },
      supervisor,
      rules,
      db,
    );
    expect(await differences([...validityTables, "goodwill_day"])).toEqual([]);

    // Suspension and lift (cards in grace leave suspended cards out), then a replacement that moves the validity.
    await suspendCard({ cardId: card.cardId, reason: "lost", note: null }, agent, { graceDays: rules.graceDays }, db);
    expect(await differences(validityTables)).toEqual([]);
    await liftSuspension({ cardId: card.cardId, identityChecked: true, note: null }, agent, rules, db);
    await suspendCard({ cardId: card.cardId, reason: "lost", note: null }, agent, { graceDays: rules.graceDays }, db);
    await replaceCard(replaceCardInput(card.cardId), agent, replacementRules, db);
    expect(await differences([...validityTables, "replacement_fee_day"])).toEqual([]);

    // A new card for an expired one.
    const expired = await createCustomerWithCard(db, { validityEnd: hkEnd(-45) });
    await issueNewCard(
      { cardId: expired.cardId, newIccid: newIccid(), form: "esim", hkNumber: uniqueHk(), cnNumber: null, context: {} },
      agent,
      { graceDays: rules.graceDays },
      db,
    );
    expect(await differences([...validityTables, "goodwill_day", "replacement_fee_day"])).toEqual([]);
  });

  it("stay exact when many cards move to and from the same validity end concurrently", async () => {
    const { db } = testDb();
    const plan = await createPlan(db);
    const supervisor = await createStaff(db, { role: "supervisor" });
    const now = isolatedNow(plan.planId);
    // Every card starts on one end and every renewal ends on one end: the same rollup rows, in both directions.
    const start = hkEndOfDay(addDays(hkDay(now), 3));
    const cards = await Promise.all(
      Array.from({ length: 12 }, () => createCustomerWithCard(db, { validityEnd: start })),
    );
    const renew = (cardId: number) =>
      recordRenewal(concurrent.db, {
        cardId,
        planVersionId: plan.planVersionId,
        createdAt: now,
        previousValidityEnd: start,
        days: 30,
      });
    const first = await Promise.all(cards.slice(0, 6).map((c) => renew(c.cardId)));
    await Promise.all([
      ...first.map((id) => recordVoid(concurrent.db, id, supervisor.id)),
      ...cards.slice(6).map((c) => renew(c.cardId)),
    ]);
    expect(await differences(validityTables)).toEqual([]);
    const [row] = await db.execute<{ start: number; moved: number }>(sql`
      select (select coalesce(sum(cards), 0)::int from card_validity_ends where validity_end = ${start.toISOString()}::timestamptz) as start,
        (select coalesce(sum(cards), 0)::int from card_validity_ends where validity_end = ${new Date(start.getTime() + 30 * DAY_MS).toISOString()}::timestamptz) as moved`);
    expect(row).toEqual({ start: 6, moved: 6 });
  });

  it("report a key the rollup lost, and keep no rows at zero", async () => {
    const { db } = testDb();
    const { cardId } = await createCustomerWithCard(db, { validityEnd: hkEnd(400) });
    const end = hkEnd(400).toISOString();
    // Taken out and put back inside a transaction that rolls back: other suites never see it.
    const seen = await db
      .transaction(async (tx) => {
        await tx.execute(
          sql`update card_validity_ends set cards = cards - 1 where validity_end = ${end}::timestamptz and slot = ${cardId % 4}`,
        );
        const found = (await compareCountRollups({ from: hkDay(new Date()), to: hkDay(new Date()) }, tx)).filter(
          (d) => d.table === "card_validity_ends",
        );
        throw Object.assign(new Error("roll back"), { found });
      })
      .catch((e: { found?: CountDifference[] }) => e.found);
    expect(seen).toContainEqual(
      expect.objectContaining({ table: "card_validity_ends", key: expect.objectContaining({ suspended: "false" }) }),
    );
    await db.execute(sql`update cards set validity_end = validity_end + interval '1 day' where id = ${cardId}`);
    const [zeros] = await db.execute<{ n: number }>(
      sql`select (select count(*) from card_validity_ends where cards <= 0)::int + (select count(*) from renewal_previous_ends where renewals <= 0)::int as n`,
    );
    expect(zeros!.n).toBe(0);
  });
});

describe("lapsed cards, cards in grace and expirations ahead", () => {
  it("equal the raw cards at Hong Kong midnight and on grace days 30 and 31", async () => {
    const { db, sql: raw } = testDb();
    const plan = await createPlan(db);
    const supervisor = await createStaff(db, { role: "supervisor" });
    // Now is Hong Kong midnight exactly: the start of `today`.
    const today = hkDay(isolatedNow(plan.planId));
    const now = hkStartOfDay(today);
    const graceDays = 30;
    const ends = [
      hkEndOfDay(addDays(today, -1)), // ended one second ago: grace day 1
      hkEndOfDay(addDays(today, -30)), // grace day 30: still in grace
      hkEndOfDay(addDays(today, -31)), // grace day 31: lapsed at 23:59:59 yesterday
      new Date(now.getTime() - graceDays * DAY_MS), // exactly 30 days before now: in grace (inclusive)
      new Date(now.getTime() - graceDays * DAY_MS - 1), // a millisecond earlier: lapsed just before midnight
      now, // ends at midnight exactly: neither in grace nor ahead
      new Date(now.getTime() + 1), // a millisecond after midnight: ahead, today
      hkEndOfDay(today),
      hkEndOfDay(addDays(today, 89)), // the last day ahead
      hkEndOfDay(addDays(today, 90)), // one past it
    ];
    const made = [];
    for (const validityEnd of ends) made.push(await createCustomerWithCard(db, { validityEnd }));
    await createCustomerWithCard(db, { validityEnd: hkEndOfDay(addDays(today, -2)), suspended: true });
    // Renewed ahead: one live, one voided (not counted), one that ends past the window.
    const renewedAt = new Date(now.getTime() - 5 * DAY_MS);
    await recordRenewal(db, {
      cardId: made[7]!.cardId,
      planVersionId: plan.planVersionId,
      createdAt: renewedAt,
      previousValidityEnd: hkEndOfDay(today),
    });
    await recordVoid(
      db,
      await recordRenewal(db, {
        cardId: made[8]!.cardId,
        planVersionId: plan.planVersionId,
        createdAt: renewedAt,
        previousValidityEnd: hkEndOfDay(addDays(today, 89)),
      }),
      supervisor.id,
    );

    const range = { from: addDays(today, -40), to: today };
    const lapsed = await listLapsedCards(range, { now, graceDays }, db);
    const rawLapsed = await rawLapsedCards(raw, range, { now, graceDays });
    expect(sorted(lapsed)).toEqual(sorted(rawLapsed));
    expect(lapsed).toEqual([{ day: addDays(today, -1), cards: 2 }]);

    const rawGrace = await rawCardsInGrace(raw, { now, graceDays });
    const inGrace = await countCardsInGrace({ now, graceDays }, db);
    expect(inGrace).toBe(rawGrace);
    expect(inGrace).toBe(3);

    const ahead = await listExpirationsAhead({ now, days: 90 }, db);
    const rawAhead = await rawExpirationsAhead(raw, { now, days: 90, today });
    expect(sorted(ahead.notYet)).toEqual(sorted(rawAhead.notYet));
    expect(sorted(ahead.renewed)).toEqual(sorted(rawAhead.renewed));
    // The renewed card's end moved 30 days on; the voided renewal's card is back on day 89; day 90 is out.
    expect(sorted(ahead.notYet)).toEqual(
      sorted([
        { day: today, cards: 1 },
        { day: addDays(today, 30), cards: 1 },
        { day: addDays(today, 89), cards: 1 },
      ]),
    );
    expect(ahead.renewed).toEqual([{ day: today, cards: 1 }]);
  });
});

describe("goodwill and replacement-fee rollups", () => {
  it("give the report the raw extensions and fees of the range's Hong Kong days", async () => {
    const { db } = testDb();
    const agent = await createStaff(db, { role: "agent" });
    const supervisor = await createStaff(db, { role: "supervisor" });
    const card = await createCustomerWithCard(db, { validityEnd: hkEnd(10), cn: uniqueCn() });
    await grantGoodwill(
      { idempotencyKey: randomUUID(), cardId: card.cardId, days: 4, reasonCode: "complaint", reason: "slow data" },
      supervisor,
      rules,
      db,
    );
    await suspendCard({ cardId: card.cardId, reason: "lost", note: null }, agent, { graceDays: rules.graceDays }, db);
    await replaceCard(
      replaceCardInput(card.cardId, { fee: { kind: "paid", method: "cash", currency: "CNY", reference: null } }),
      agent,
      replacementRules,
      db,
    );
    const range = { from: hkDay(new Date(Date.now() - DAY_MS)), to: hkDay(new Date()) };
    const start = hkStartOfDay(range.from).toISOString();
    const end = hkStartOfDay(addDays(range.to, 1)).toISOString();
    // One snapshot for the report's reads and the raw ones: other suites grant and replace today too.
    const { goodwill, rawGoodwill, fees, rawFees } = await db.transaction(
      async (tx) => ({
        goodwill: await summariseGoodwill(range, tx),
        rawGoodwill: (
          await tx.execute<{ extensions: number; days: number }>(sql`
            select count(*)::int as extensions, coalesce(sum(days), 0)::int as days from goodwill_extensions
            where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz`)
        )[0],
        fees: await listDailyReplacementFees(range, supervisor, tx),
        rawFees: [
          ...(await tx.execute<{ day: string; currency: string; revenueMinor: number }>(sql`
            select (received_at at time zone 'Asia/Hong_Kong')::date::text as day, currency::text,
              sum(amount_minor)::float8 as "revenueMinor"
            from payments
            where purpose = 'replacement_fee' and received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz
            group by 1, 2`)),
        ],
      }),
      { isolationLevel: "repeatable read" },
    );
    expect(goodwill).toEqual(rawGoodwill);
    expect(goodwill.days).toBeGreaterThanOrEqual(4);
    expect(sorted(fees)).toEqual(sorted(rawFees));
    expect(fees.find((f) => f.day === hkDay(new Date()) && f.currency === "CNY")?.revenueMinor).toBeGreaterThanOrEqual(
      4500,
    );
    expect(await differences(["goodwill_day", "replacement_fee_day"], range)).toEqual([]);
  });
});
