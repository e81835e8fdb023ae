import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { ForbiddenError } from "@/db/errors";
import {
  countCardsInGrace,
  listDailyRenewals,
  listDailyRevenue,
  listExpirationsAhead,
  listLapsedCards,
  listRenewalVolume,
  loadReport,
} from "@/db/queries/reports";
import { monthCover, type Granularity } from "@/lib/domain/reports/range";
import { denseSeries } from "@/lib/domain/reports/series";
import { addDays, DAY_MS, hkEndOfDay, hkStartOfDay, hkDay } from "@/lib/domain/time";
import { testDb } from "../helpers/db";
import { rawCardsInGrace, rawExpirationsAhead, rawLapsedCards } from "../helpers/report-oracles";
import {
  createCustomerWithCard,
  createPlan,
  createStaff,
  isolatedDay,
  isolatedNow,
  recordRenewal,
  recordVoid,
} from "../helpers/factories";

const supervisor = { role: "supervisor" as const };
const agent = { role: "agent" as const };

/** Sorts rows so two result sets compare regardless of order. */
const sorted = <T>(rows: T[]) => [...rows].map((r) => JSON.stringify(r)).sort();

describe("report figures", () => {
  it("equal direct SQL counts over the raw renewals for the same Hong Kong days", async () => {
    const { db, sql } = testDb();
    const [seller, boss] = [await createStaff(db, { role: "agent" }), await createStaff(db, { role: "supervisor" })];
    const monthly = await createPlan(db);
    const annual = await createPlan(db, { priceHkdMinor: 88800, priceCnyMinor: 79800 });
    const from = isolatedDay(monthly.planId);
    const range = { from, to: addDays(from, 9) };
    const { cardId } = await createCustomerWithCard(db, { validityEnd: hkEndOfDay(from) });
    const at = (day: string, utcTime: string) => new Date(`${day}T${utcTime}Z`);

    // 15:59:59 UTC is 23:59:59 HKT (that day); 16:00 UTC is already the next Hong Kong day.
    const made = [
      await recordRenewal(db, {
        cardId,
        planVersionId: monthly.planVersionId,
        createdAt: at(from, "15:59:59"),
        soldBy: seller.id,
        method: "cash",
      }),
      await recordRenewal(db, {
        cardId,
        planVersionId: monthly.planVersionId,
        createdAt: at(from, "16:00:00"),
        method: "wechat_pay",
        currency: "CNY",
        priceMinor: 8800,
      }),
      await recordRenewal(db, {
        cardId,
        planVersionId: annual.planVersionId,
        createdAt: at(addDays(from, 3), "02:00:00"),
        soldBy: seller.id,
        priceMinor: 88800,
      }),
      await recordRenewal(db, {
        cardId,
        planVersionId: annual.planVersionId,
        createdAt: at(addDays(from, 3), "04:00:00"),
        soldBy: boss.id,
        method: "alipay",
        currency: "CNY",
        priceMinor: 79800,
        cardState: "grace",
      }),
      await recordRenewal(db, {
        cardId,
        planVersionId: monthly.planVersionId,
        createdAt: at(addDays(from, 9), "10:00:00"),
        soldBy: seller.id,
      }),
    ];
    await recordVoid(db, made[2]!, boss.id);

    const start = hkStartOfDay(range.from).toISOString();
    const end = hkStartOfDay(addDays(range.to, 1)).toISOString();
    const rawByDimension = (dimension: string) =>
      sql.unsafe(
        `select (r.created_at at time zone 'Asia/Hong_Kong')::date::text as day, ${dimension} as key, count(*)::int as renewals
         from renewals r join plan_versions pv on pv.id = r.plan_version_id join payments p on p.renewal_id = r.id
         where r.status <> 'voided' and r.created_at >= $1 and r.created_at < $2 group by 1, 2`,
        [start, end],
      );

    const byPlan = await listRenewalVolume(range, "plan", db);
    expect(sorted(byPlan)).toEqual(sorted([...(await rawByDimension("pv.plan_id::text"))]));
    expect(sorted(byPlan)).toEqual(
      sorted([
        { day: from, key: String(monthly.planId), renewals: 1 },
        { day: addDays(from, 1), key: String(monthly.planId), renewals: 1 },
        { day: addDays(from, 3), key: String(annual.planId), renewals: 1 },
        { day: addDays(from, 9), key: String(monthly.planId), renewals: 1 },
      ]),
    );
    expect(sorted(await listRenewalVolume(range, "method", db))).toEqual(
      sorted([...(await rawByDimension("p.method::text"))]),
    );
    expect(sorted(await listRenewalVolume(range, "agent", db))).toEqual(
      sorted([...(await rawByDimension("coalesce(r.sold_by::text, 'self_service')"))]),
    );

    const rawRevenue = await sql`
      select (created_at at time zone 'Asia/Hong_Kong')::date::text as day, currency::text, card_state::text as "cardState",
        count(*)::int as renewals, sum(price_minor)::float8 as "revenueMinor"
      from renewals where status <> 'voided' and created_at >= ${start} and created_at < ${end} group by 1, 2, 3`;
    const revenue = await listDailyRevenue(range, supervisor, db);
    expect(sorted(revenue)).toEqual(sorted([...rawRevenue]));
    const total = (currency: string) =>
      revenue.filter((r) => r.currency === currency).reduce((sum, r) => sum + r.revenueMinor, 0);
    expect({ HKD: total("HKD"), CNY: total("CNY") }).toEqual({ HKD: 9800 + 9800, CNY: 8800 + 79800 });

    const daily = await listDailyRenewals(range, db);
    const rawDaily = await sql`
      select (created_at at time zone 'Asia/Hong_Kong')::date::text as day, card_state::text as "cardState", count(*)::int as renewals
      from renewals where status <> 'voided' and created_at >= ${start} and created_at < ${end} group by 1, 2`;
    expect(sorted(daily)).toEqual(sorted([...rawDaily]));
    expect(daily.filter((r) => r.cardState === "grace")).toEqual([
      { day: addDays(from, 3), cardState: "grace", renewals: 1 },
    ]);
  });

  it("count lapsed cards, cards in grace and expirations ahead exactly as the raw cards and renewals say", async () => {
    const { db, sql } = testDb();
    const plan = await createPlan(db);
    const now = isolatedNow(plan.planId);
    const today = hkDay(now);
    const graceDays = 30;
    const endOn = (offset: number) => hkEndOfDay(addDays(today, offset));

    // Lapsed: grace closed 1 and 5 days ago; still in grace: ended 3 days ago (and a suspended one, not counted in grace).
    for (const offset of [-31, -35, -3]) await createCustomerWithCard(db, { validityEnd: endOn(offset) });
    await createCustomerWithCard(db, { validityEnd: endOn(-2), suspended: true });
    // Ahead: two cards end today and in 10 days, one end in 20 days already renewed.
    for (const offset of [0, 10]) await createCustomerWithCard(db, { validityEnd: endOn(offset) });
    const renewed = await createCustomerWithCard(db, { validityEnd: endOn(20) });
    await recordRenewal(db, {
      cardId: renewed.cardId,
      planVersionId: plan.planVersionId,
      createdAt: now,
      previousValidityEnd: endOn(20),
      days: 365,
    });
    const voided = await createCustomerWithCard(db, { validityEnd: endOn(40) });
    const staff = await createStaff(db, { role: "supervisor" });
    await recordVoid(
      db,
      await recordRenewal(db, {
        cardId: voided.cardId,
        planVersionId: plan.planVersionId,
        createdAt: now,
        previousValidityEnd: endOn(40),
      }),
      staff.id,
    );

    const range = { from: addDays(today, -29), to: today };
    const lapsed = await listLapsedCards(range, { now, graceDays }, db);
    const rawLapsed = await rawLapsedCards(sql, range, { now, graceDays });
    expect(sorted(lapsed)).toEqual(sorted(rawLapsed));
    expect(sorted(lapsed)).toEqual(
      sorted([
        { day: addDays(today, -1), cards: 1 },
        { day: addDays(today, -5), cards: 1 },
      ]),
    );

    const rawGrace = await rawCardsInGrace(sql, { now, graceDays });
    expect(await countCardsInGrace({ now, graceDays }, db)).toBe(rawGrace);
    expect(rawGrace).toBe(1);

    const ahead = await listExpirationsAhead({ now, days: 90 }, db);
    const rawAhead = await rawExpirationsAhead(sql, { now, days: 90, today });
    expect(sorted(ahead.notYet)).toEqual(sorted(rawAhead.notYet));
    expect(sorted(ahead.renewed)).toEqual(sorted(rawAhead.renewed));
    expect(sorted(ahead.notYet)).toEqual(
      sorted([
        { day: today, cards: 1 },
        { day: addDays(today, 10), cards: 1 },
        { day: addDays(today, 40), cards: 1 },
      ]),
    );
    expect(ahead.renewed).toEqual([{ day: addDays(today, 20), cards: 1 }]);
  });

  it("read whole months of a chart by month from month rows, equal to the raw renewals of those months", async () => {
    const { db } = testDb();
    const boss = await createStaff(db, { role: "supervisor" });
    const seller = await createStaff(db, { role: "agent" });
    const plan = await createPlan(db);
    const firstOf = (day: string, months: number) => {
      const [y, m] = day.split("-").map(Number) as [number, number];
      return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
    };
    // Three months inside this plan's own isolated stretch of time.
    const base = hkDay(isolatedNow(plan.planId));
    const [m1, m2, m3] = [firstOf(base, 1), firstOf(base, 2), firstOf(base, 3)];
    const range = { from: addDays(m1, -3), to: m3 };
    expect(monthCover(range)).toEqual({
      months: { from: m1, to: m2 },
      days: [
        { from: addDays(m1, -3), to: addDays(m1, -1) },
        { from: m3, to: m3 },
      ],
    });
    const { cardId } = await createCustomerWithCard(db);
    const sale = (createdAt: Date, extra: Partial<Parameters<typeof recordRenewal>[1]> = {}) =>
      recordRenewal(db, { cardId, planVersionId: plan.planVersionId, createdAt, soldBy: seller.id, ...extra });
    const made = [
      await sale(new Date(hkStartOfDay(m1).getTime() - 1000)), // 23:59:59 HKT, the day before m1
      await sale(hkStartOfDay(m1)), // 00:00 HKT on m1's first day
      await sale(new Date(hkStartOfDay(m1).getTime() + 5 * DAY_MS), {
        method: "alipay",
        currency: "CNY",
        priceMinor: 8800,
        cardState: "grace",
        soldBy: null,
      }),
      await sale(hkStartOfDay(addDays(m2, 10))),
      await sale(hkEndOfDay(addDays(m3, -1))), // m2's last second
      await sale(hkStartOfDay(m3)),
      await sale(hkStartOfDay(addDays(m2, 3))),
    ];
    await recordVoid(db, made[6]!, boss.id);

    const start = hkStartOfDay(range.from).toISOString();
    const end = hkStartOfDay(addDays(range.to, 1)).toISOString();
    const keys = (rows: { key: string }[]) =>
      [...new Set(rows.map((r) => r.key))].sort().map((key) => ({ key, label: key }));
    const series = (granularity: Granularity, rows: { day: string; key: string; renewals: number }[]) =>
      denseSeries(
        range,
        granularity,
        rows.map((r) => ({ day: r.day, key: r.key, value: r.renewals })),
        keys(rows),
      );

    // The report's reads and the raw renewals in one snapshot.
    const read = await db.transaction(
      async (tx) => {
        const raw = (dimension: string) =>
          tx.execute<{ day: string; key: string; renewals: number }>(
            sql.raw(`select (r.created_at at time zone 'Asia/Hong_Kong')::date::text as day, ${dimension} as key, count(*)::int as renewals
             from renewals r join plan_versions pv on pv.id = r.plan_version_id join payments p on p.renewal_id = r.id
             where r.status <> 'voided' and r.created_at >= '${start}' and r.created_at < '${end}' group by 1, 2`),
          );
        return {
          byPlan: await listRenewalVolume({ ...range, granularity: "month" }, "plan", tx),
          byPlanWeekly: await listRenewalVolume({ ...range, granularity: "week" }, "plan", tx),
          rawPlan: [...(await raw("pv.plan_id::text"))],
          byMethod: await listRenewalVolume({ ...range, granularity: "month" }, "method", tx),
          rawMethod: [...(await raw("p.method::text"))],
          byAgent: await listRenewalVolume({ ...range, granularity: "month" }, "agent", tx),
          rawAgent: [...(await raw("coalesce(r.sold_by::text, 'self_service')"))],
          revenue: await listDailyRevenue({ ...range, granularity: "month" }, supervisor, tx),
          rawRevenue: [
            ...(await tx.execute<{ day: string; currency: string; cardState: string; revenueMinor: number }>(
              sql.raw(`select (created_at at time zone 'Asia/Hong_Kong')::date::text as day, currency::text,
                  card_state::text as "cardState", count(*)::int as renewals, sum(price_minor)::float8 as "revenueMinor"
                from renewals where status <> 'voided' and created_at >= '${start}' and created_at < '${end}' group by 1, 2, 3`),
            )),
          ],
          report: await loadReport(
            {
              range: { ...range, granularity: "month" },
              previous: { from: addDays(range.from, -40), to: addDays(range.from, -1) },
              by: "plan",
              now: new Date(),
              graceDays: 30,
            },
            supervisor,
            tx,
          ),
        };
      },
      { isolationLevel: "repeatable read" },
    );

    const mine = (rows: { key: string }[]) => rows.filter((r) => r.key === String(plan.planId));
    // Month rows for m1 and m2 (dated their first day), day rows around them.
    expect(sorted(mine(read.byPlan))).toEqual(
      sorted([
        { day: addDays(m1, -1), key: String(plan.planId), renewals: 1 },
        { day: m1, key: String(plan.planId), renewals: 2 },
        { day: m2, key: String(plan.planId), renewals: 2 },
        { day: m3, key: String(plan.planId), renewals: 1 },
      ]),
    );
    // The chart's buckets equal the raw renewals' at month granularity; a chart by week reads days only.
    expect(series("month", read.byPlan)).toEqual(series("month", read.rawPlan));
    expect(sorted(read.byPlanWeekly)).toEqual(sorted(read.rawPlan));
    expect(series("month", read.byMethod)).toEqual(series("month", read.rawMethod));
    expect(series("month", read.byAgent)).toEqual(series("month", read.rawAgent));
    const perMonth = (
      rows: { day: string; currency: string; cardState: string; renewals?: number; revenueMinor: number }[],
    ) => {
      const sums = new Map<string, number>();
      for (const r of rows) {
        const key = `${r.day < m1 || r.day >= m3 ? r.day : r.day.slice(0, 7)}|${r.currency}|${r.cardState}`;
        sums.set(key, (sums.get(key) ?? 0) + r.revenueMinor);
      }
      return [...sums.entries()].sort();
    };
    expect(perMonth(read.revenue)).toEqual(perMonth(read.rawRevenue));
    // The headline totals of the range equal the raw renewals', with month rows in both ranges.
    const inRange = (day: string) => day >= range.from && day <= range.to;
    expect(read.report.daily.filter((r) => inRange(r.day)).reduce((n, r) => n + r.renewals, 0)).toBe(
      read.rawRevenue.reduce((n, r) => n + Number((r as { renewals?: number }).renewals), 0),
    );
    expect(mine(read.report.volume)).toEqual(expect.arrayContaining(mine(read.byPlan)));
  });

  it("refuses revenue to an agent and leaves it out of the agent's report", async () => {
    const { db } = testDb();
    const plan = await createPlan(db);
    const from = isolatedDay(plan.planId);
    const range = { from, to: addDays(from, 6) };
    const { cardId } = await createCustomerWithCard(db);
    await recordRenewal(db, { cardId, planVersionId: plan.planVersionId, createdAt: new Date(`${from}T04:00:00Z`) });

    await expect(listDailyRevenue(range, agent, db)).rejects.toBeInstanceOf(ForbiddenError);

    const params = {
      range,
      previous: { from: addDays(from, -7), to: addDays(from, -1) },
      by: "plan" as const,
      now: new Date(),
      graceDays: 30,
    };
    const forAgent = await loadReport(params, agent, db);
    expect(forAgent.revenue).toBeNull();
    expect(JSON.stringify(forAgent)).not.toMatch(/revenue"?:\s*\d|9800/);
    expect(forAgent.daily).toEqual([{ day: from, cardState: "active", renewals: 1 }]);
    const forSupervisor = await loadReport(params, supervisor, db);
    expect(forSupervisor.revenue).toEqual([{ day: from, currency: "HKD", revenueMinor: 9800 }]);
  });
});
