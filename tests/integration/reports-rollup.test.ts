import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { compareGrainRollups, compareRollup } from "@/db/queries/rollup-check";
import { addDays } from "@/lib/domain/time";
import { testDb } from "../helpers/db";
import {
  createCustomerWithCard,
  createPlan,
  createStaff,
  isolatedDay,
  recordRenewal,
  recordVoid,
} from "../helpers/factories";

// Enough connections for the writers to really overlap.
const concurrent = createDb(process.env.DATABASE_URL!, { max: 8, applicationName: "renewal-desk-tests-concurrent" });
afterAll(() => concurrent.close());

const run = promisify(execFile);

describe("daily renewal rollup", () => {
  it("stays equal to the raw renewals after renewals and voids", async () => {
    const { db } = testDb();
    const [seller, boss] = [await createStaff(db), await createStaff(db, { role: "supervisor" })];
    const plan = await createPlan(db);
    const from = isolatedDay(plan.planId);
    const range = { from, to: addDays(from, 3) };
    const { cardId } = await createCustomerWithCard(db);
    const ids = [];
    for (const [i, method] of (
      ["fps", "cash", "stored_value", "wechat_pay", "alipay", "bank_transfer"] as const
    ).entries()) {
      ids.push(
        await recordRenewal(db, {
          cardId,
          planVersionId: plan.planVersionId,
          createdAt: new Date(`${addDays(from, i % 3)}T${String(8 + i).padStart(2, "0")}:00:00Z`),
          method,
          soldBy: method === "cash" || i % 2 === 0 ? seller.id : null,
          currency: method === "wechat_pay" ? "CNY" : "HKD",
          cardState: i === 4 ? "grace" : "active",
        }),
      );
    }
    await recordVoid(db, ids[0]!, boss.id);
    await recordVoid(db, ids[4]!, boss.id);
    expect(await compareRollup(range, db)).toEqual([]);
    // Each chart's own grain (plan, method, agent, currency × state) follows in the same transactions.
    expect(await compareGrainRollups(range, db)).toEqual([]);
  });

  it("stays equal when renewals and voids of the same bucket commit concurrently", async () => {
    const { db, sql } = testDb();
    const [seller, boss] = [await createStaff(db), await createStaff(db, { role: "supervisor" })];
    const plan = await createPlan(db);
    const day = isolatedDay(plan.planId);
    const cards = await Promise.all(Array.from({ length: 6 }, () => createCustomerWithCard(db)));
    // Every renewal lands in the same rollup row: same day, plan, method, currency, seller, state.
    const renew = (i: number) =>
      recordRenewal(concurrent.db, {
        cardId: cards[i % cards.length]!.cardId,
        planVersionId: plan.planVersionId,
        createdAt: new Date(`${day}T0${i % 10}:00:00Z`),
        soldBy: seller.id,
      });
    const first = await Promise.all(Array.from({ length: 16 }, (_, i) => renew(i)));
    // Voids of half of them race with 16 more renewals into the same row.
    await Promise.all([
      ...first.filter((_, i) => i % 2 === 0).map((id) => recordVoid(concurrent.db, id, boss.id)),
      ...Array.from({ length: 16 }, (_, i) => renew(i)),
    ]);

    expect(await compareRollup({ from: day, to: day }, db)).toEqual([]);
    expect(await compareGrainRollups({ from: day, to: day }, db)).toEqual([]);
    const [plan24] =
      await sql`select sum(renewals)::int as renewals from renewal_day_plan where day = ${day} and plan_id = ${plan.planId}`;
    expect(plan24).toEqual({ renewals: 24 });
    const [row] =
      await sql`select renewals, revenue_minor::int as revenue from renewal_daily_stats where day = ${day} and plan_id = ${plan.planId}`;
    expect(row).toEqual({ renewals: 24, revenue: 24 * 9800 });
  });

  it("reports a bucket the upkeep missed, and the check command exits non-zero on it", async () => {
    const { db, sql } = testDb();
    const plan = await createPlan(db);
    const day = isolatedDay(plan.planId);
    const { cardId } = await createCustomerWithCard(db);
    await recordRenewal(db, { cardId, planVersionId: plan.planVersionId, createdAt: new Date(`${day}T05:00:00Z`) });
    const checkCommand = () =>
      run("npx", ["tsx", "scripts/check-rollup.mts", "--from", day, "--to", day], { env: { ...process.env } }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      );
    expect(await checkCommand()).toBe(0);

    // A renewal written without the upkeep, as a buggy writer would.
    const [renewal] =
      await sql`insert into renewals (card_id, plan_version_id, channel, card_state, extension_mode, previous_validity_end,
        new_validity_end, price_minor, currency, sms_language, created_at)
      values (${cardId}, ${plan.planVersionId}, 'self_service', 'active', 'stack', ${`${day}T15:59:59Z`}, ${`${addDays(day, 30)}T15:59:59Z`},
        9800, 'HKD', 'en', ${`${day}T06:00:00Z`}) returning id`;
    await sql`insert into payments (renewal_id, method, reference, amount_minor, currency) values (${renewal!.id}, 'fps', ${`RPTMISS${renewal!.id}`}, 9800, 'HKD')`;

    expect(await compareRollup({ from: day, to: day }, db)).toEqual([
      expect.objectContaining({
        day,
        planId: plan.planId,
        method: "fps",
        expectedRenewals: 2,
        actualRenewals: 1,
        expectedRevenueMinor: 19600,
        actualRevenueMinor: 9800,
      }),
    ]);
    expect(await compareGrainRollups({ from: day, to: day }, db)).toContainEqual(
      expect.objectContaining({
        table: "renewal_day_plan",
        key: { day, plan_id: String(plan.planId) },
        expectedRenewals: 2,
        actualRenewals: 1,
      }),
    );
    // The month rollup is checked against its whole month.
    expect(await compareGrainRollups({ from: day, to: day }, db)).toContainEqual(
      expect.objectContaining({
        table: "renewal_month_plan",
        key: { month: `${day.slice(0, 7)}-01`, plan_id: String(plan.planId) },
        expectedRenewals: 2,
        actualRenewals: 1,
      }),
    );
    expect(await checkCommand()).toBe(1);

    // Take the buggy writer's rows back out: its month is shared with tests whose plans sit 16 days away.
    await sql`delete from payments where renewal_id = ${renewal!.id}`;
    await sql`delete from renewals where id = ${renewal!.id}`;
    expect(await checkCommand()).toBe(0);
  });
});
