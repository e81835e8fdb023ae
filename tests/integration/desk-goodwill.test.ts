import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { ForbiddenError, NotFoundError, PreconditionError } from "@/db/errors";
import { createGoodwillJob } from "@/db/mutations/create-goodwill-job";
import { grantGoodwill, type GrantGoodwillInput } from "@/db/mutations/grant-goodwill";
import { processGoodwillJobItems } from "@/db/mutations/process-goodwill-job-items";
import { checkGoodwill } from "@/db/queries/goodwill";
import { compareCountRollups } from "@/db/queries/rollup-check";
import { hkDay } from "@/lib/domain/time";
import {
  auditLog,
  cards,
  goodwillExtensions,
  goodwillJobItems,
  goodwillJobs,
  notifications,
  payments,
  renewalDailyStats,
} from "@/db/schema";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import { deskFootprint } from "../helpers/desk-footprint";
import { createCustomerWithCard, createStaff, rules } from "../helpers/factories";
import { raceAtAudit } from "../helpers/race";

async function setup(card: Parameters<typeof createCustomerWithCard>[1] = {}) {
  const { db } = testDb();
  const supervisor = await createStaff(db, { role: "supervisor" });
  const created = await createCustomerWithCard(db, { validityEnd: hkEnd(10), preferredLanguage: "en", ...card });
  return { db, supervisor, ...created };
}

const grant = (cardId: number, overrides: Partial<GrantGoodwillInput> = {}): GrantGoodwillInput => ({
  idempotencyKey: randomUUID(),
  cardId,
  days: 7,
  reasonCode: "network_outage",
  reason: "network outage 30 Nov",
  ...overrides,
});

describe("grantGoodwill", () => {
  it("moves the end by N days, adds no data or money, tells the customer in their language and audits the reason", async () => {
    const s = await setup();
    const rollupBefore = await s.db
      .select()
      .from(renewalDailyStats)
      .where(eq(renewalDailyStats.soldBy, s.supervisor.id));
    const result = await grantGoodwill(
      grant(s.cardId, { context: { ticketRef: "ZD-77", channel: "phone" } }),
      s.supervisor,
      rules,
      s.db,
    );
    expect(result.replayed).toBe(false);
    const [card] = await s.db.select({ end: cards.validityEnd }).from(cards).where(eq(cards.id, s.cardId));
    expect(card!.end.toISOString()).toBe(hkEnd(17).toISOString());
    const [extension] = await s.db
      .select()
      .from(goodwillExtensions)
      .where(eq(goodwillExtensions.id, result.extensionId));
    expect(extension).toMatchObject({ cardId: s.cardId, days: 7, reasonCode: "network_outage", jobId: null });
    expect(extension!.previousValidityEnd.toISOString()).toBe(hkEnd(10).toISOString());
    const sms = await s.db.select().from(notifications).where(eq(notifications.cardId, s.cardId));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ kind: "goodwill_extension", language: "en", toMsisdn: s.msisdn });
    expect(sms[0]!.body).toContain("7 days");
    const [audit] = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.ticketRef, "ZD-77"), eq(auditLog.customerId, s.customerId)));
    expect(audit).toMatchObject({
      action: "card.goodwill",
      actorStaffId: s.supervisor.id,
      customerId: s.customerId,
      reason: "network outage 30 Nov",
      contactChannel: "phone",
    });
    expect(await s.db.select().from(payments).where(eq(payments.cardId, s.cardId))).toHaveLength(0);
    // The granting supervisor sells nothing: no rollup row counts a sale by them (other suites renew in parallel).
    expect(await s.db.select().from(renewalDailyStats).where(eq(renewalDailyStats.soldBy, s.supervisor.id))).toEqual(
      rollupBefore,
    );
  });

  it("grants once per idempotency key: a replay writes nothing", async () => {
    const s = await setup();
    const input = grant(s.cardId);
    const first = await grantGoodwill(input, s.supervisor, rules, s.db);
    const before = await deskFootprint(s.db, s.cardId);
    expect(await grantGoodwill(input, s.supervisor, rules, s.db)).toEqual({
      extensionId: first.extensionId,
      replayed: true,
    });
    expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
  });

  describe("refuses, writing nothing", () => {
    const cases: [string, Parameters<typeof setup>[0], Partial<GrantGoodwillInput>, string][] = [
      ["zero days", {}, { days: 0 }, "desk.goodwill.errors.days_out_of_range"],
      ["31 days", {}, { days: 31 }, "desk.goodwill.errors.days_out_of_range"],
      ["an end still in the past", { validityEnd: hkEnd(-20) }, { days: 5 }, "desk.goodwill.errors.still_in_past"],
      ["an expired card", { validityEnd: hkEnd(-60) }, { days: 30 }, "desk.goodwill.errors.card_expired"],
      ["past the cap", { validityEnd: hkEnd(725) }, { days: 10 }, "desk.goodwill.errors.cap_exceeded"],
    ];
    for (const [name, card, overrides, code] of cases) {
      it(name, async () => {
        const s = await setup(card);
        const before = await deskFootprint(s.db, s.cardId);
        const error = await grantGoodwill(grant(s.cardId, overrides), s.supervisor, rules, s.db).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(PreconditionError);
        expect(error).toMatchObject({ code });
        expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
      });
    }

    it("a third extension within 365 days", async () => {
      const s = await setup();
      await grantGoodwill(grant(s.cardId), s.supervisor, rules, s.db);
      await grantGoodwill(grant(s.cardId, { days: 3 }), s.supervisor, rules, s.db);
      const before = await deskFootprint(s.db, s.cardId);
      await expect(grantGoodwill(grant(s.cardId), s.supervisor, rules, s.db)).rejects.toMatchObject({
        code: "desk.goodwill.errors.limit_reached",
        params: { limit: 2, windowDays: 365 },
      });
      expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
    });

    it("an agent, even calling the mutation directly", async () => {
      const s = await setup();
      const agent = await createStaff(s.db);
      const before = await deskFootprint(s.db, s.cardId);
      await expect(grantGoodwill(grant(s.cardId), agent, rules, s.db)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await deskFootprint(s.db, s.cardId)).toEqual(before);
    });

    it("an unknown card", async () => {
      const s = await setup();
      await expect(grantGoodwill(grant(2_000_000_000), s.supervisor, rules, s.db)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  it("counts extensions older than 365 days out of the limit", async () => {
    const s = await setup();
    await s.db.insert(goodwillExtensions).values(
      [400, 380].map((daysAgo) => ({
        cardId: s.cardId,
        days: 5,
        reasonCode: "complaint" as const,
        reason: "old",
        previousValidityEnd: hkEnd(-daysAgo),
        newValidityEnd: hkEnd(-daysAgo + 5),
        grantedBy: s.supervisor.id,
        createdAt: hkEnd(-daysAgo),
      })),
    );
    const check = await checkGoodwill({ cardId: s.cardId, days: 5 }, { ...rules, now: new Date() }, {}, s.db);
    expect(check.refusals).toEqual([]);
  });

  it("lets only two of three supervisors racing on one card through", async () => {
    const s = await setup();
    const others = await Promise.all([1, 2].map(() => createStaff(s.db, { role: "supervisor" })));
    const results = await raceAtAudit(
      process.env.DATABASE_URL!,
      [s.supervisor, ...others].map((who) => (db) => grantGoodwill(grant(s.cardId), who, rules, db)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "desk.goodwill.errors.limit_reached" });
    const [card] = await s.db.select({ end: cards.validityEnd }).from(cards).where(eq(cards.id, s.cardId));
    expect(card!.end.toISOString()).toBe(hkEnd(24).toISOString());
  });
});

describe("bulk goodwill jobs", () => {
  async function bulkSetup(count: number) {
    const { db } = testDb();
    const supervisor = await createStaff(db, { role: "supervisor" });
    const made = [];
    for (let i = 0; i < count; i++) made.push(await createCustomerWithCard(db, { validityEnd: hkEnd(5 + i) }));
    return { db, supervisor, cardIds: made.map((m) => m.cardId) };
  }

  const extensionsOf = async (db: ReturnType<typeof testDb>["db"], jobId: number) =>
    db
      .select({ cardId: goodwillExtensions.cardId })
      .from(goodwillExtensions)
      .where(eq(goodwillExtensions.jobId, jobId));

  it("extends every selected card exactly once, skipping those a rule refuses, and marks the job done", async () => {
    const s = await bulkSetup(3);
    const expired = await createCustomerWithCard(s.db, { validityEnd: hkEnd(-90) });
    const { jobId } = await createGoodwillJob(
      {
        key: randomUUID(),
        selection: { cardIds: [...s.cardIds, expired.cardId] },
        days: 3,
        reasonCode: "network_outage",
        reason: "outage",
      },
      s.supervisor,
      {},
      s.db,
    );
    // Other tests' jobs may be pending too; work until this one is done.
    for (let round = 0; round < 50; round++) {
      await processGoodwillJobItems(s.db, rules, { limit: 20 });
      const [job] = await s.db
        .select({ status: goodwillJobs.status })
        .from(goodwillJobs)
        .where(eq(goodwillJobs.id, jobId));
      if (job!.status === "done") break;
    }
    const items = await s.db
      .select({ cardId: goodwillJobItems.cardId, status: goodwillJobItems.status, skip: goodwillJobItems.skipReason })
      .from(goodwillJobItems)
      .where(eq(goodwillJobItems.jobId, jobId))
      .orderBy(goodwillJobItems.cardId);
    expect(items).toEqual(
      [
        ...s.cardIds.map((cardId) => ({ cardId, status: "extended", skip: null })),
        { cardId: expired.cardId, status: "skipped", skip: "card_expired" },
      ].sort((a, b) => a.cardId - b.cardId),
    );
    expect((await extensionsOf(s.db, jobId)).map((e) => e.cardId).sort()).toEqual([...s.cardIds].sort());
    const [job] = await s.db.select().from(goodwillJobs).where(eq(goodwillJobs.id, jobId));
    expect(job).toMatchObject({ status: "done", total: 4 });
    // The report's rollups moved with every extended card, in each item's transaction.
    const today = hkDay(new Date());
    const rollups = await compareCountRollups({ from: today, to: today }, s.db);
    expect(rollups.filter((d) => ["card_validity_ends", "goodwill_day"].includes(d.table))).toEqual([]);
  });

  it("is one job per confirm key: a double submit finds the same job", async () => {
    const s = await bulkSetup(1);
    const input = {
      key: randomUUID(),
      selection: { cardIds: s.cardIds },
      days: 2,
      reasonCode: "complaint" as const,
      reason: "r",
    };
    const first = await createGoodwillJob(input, s.supervisor, {}, s.db);
    const again = await createGoodwillJob(input, s.supervisor, {}, s.db);
    expect(again).toEqual({ jobId: first.jobId, created: false });
  });

  it("killed halfway (the worker's backend terminated mid-item) and re-run, extends every card exactly once", async () => {
    const s = await bulkSetup(6);
    const { jobId } = await createGoodwillJob(
      {
        key: randomUUID(),
        selection: { cardIds: s.cardIds },
        days: 4,
        reasonCode: "service_failure",
        reason: "outage",
      },
      s.supervisor,
      {},
      s.db,
    );
    const sorted = [...s.cardIds].sort((a, b) => a - b);
    const victim = sorted[3]!;
    const worker = createDb(process.env.DATABASE_URL!, { max: 1, applicationName: `goodwill-kill-${jobId}` });
    const blocker = createDb(process.env.DATABASE_URL!, { max: 1 });
    const observer = createDb(process.env.DATABASE_URL!, { max: 1 });
    try {
      // Hold the fourth card's row so the worker stops inside that item's transaction, then kill it there.
      let running: Promise<unknown> | undefined;
      await blocker.sql.begin(async (tx) => {
        await tx`select id from cards where id = ${victim} for update`;
        running = processGoodwillJobItems(worker.db, rules, { limit: 100 }).catch((e: unknown) => e);
        for (let attempt = 0; ; attempt++) {
          // Read outside the blocker's transaction: pg_stat_activity is a snapshot per transaction.
          const [row] = await observer.sql<{ pid: number }[]>`
            select pid from pg_stat_activity where application_name = ${`goodwill-kill-${jobId}`} and wait_event_type = 'Lock'`;
          if (row) {
            await observer.sql`select pg_terminate_backend(${row.pid})`;
            break;
          }
          if (attempt > 2000) throw new Error("the worker never reached the locked card");
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      });
      expect(await running).toBeInstanceOf(Error);
    } finally {
      await worker.close().catch(() => {});
      await blocker.close();
      await observer.close();
    }
    // Halfway: the earlier cards are extended, the killed one and the rest still pending.
    const halfway = await s.db
      .select({ cardId: goodwillJobItems.cardId, status: goodwillJobItems.status })
      .from(goodwillJobItems)
      .where(eq(goodwillJobItems.jobId, jobId))
      .orderBy(goodwillJobItems.cardId);
    expect(halfway.filter((i) => i.cardId === victim)).toEqual([{ cardId: victim, status: "pending" }]);
    expect(halfway.filter((i) => i.status === "extended").length).toBeGreaterThan(0);
    expect(halfway.filter((i) => i.status === "pending").length).toBeGreaterThan(0);

    for (let round = 0; round < 50; round++) {
      await processGoodwillJobItems(s.db, rules, { limit: 20 });
      const [job] = await s.db
        .select({ status: goodwillJobs.status })
        .from(goodwillJobs)
        .where(eq(goodwillJobs.id, jobId));
      if (job!.status === "done") break;
    }
    // And a re-run after it finished changes nothing.
    await processGoodwillJobItems(s.db, rules, { limit: 20 });
    const extended = await s.db
      .select({ cardId: goodwillExtensions.cardId, n: sql<number>`count(*)::int` })
      .from(goodwillExtensions)
      .where(eq(goodwillExtensions.jobId, jobId))
      .groupBy(goodwillExtensions.cardId)
      .orderBy(goodwillExtensions.cardId);
    expect(extended).toEqual(sorted.map((cardId) => ({ cardId, n: 1 })));
    const ends = await s.db
      .select({ id: cards.id, end: cards.validityEnd })
      .from(cards)
      .where(sql`${cards.id} in ${sorted}`);
    for (const card of ends) {
      const index = s.cardIds.indexOf(card.id);
      expect(card.end.toISOString()).toBe(hkEnd(5 + index + 4).toISOString());
    }
    const audits = await s.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, "card.goodwill"), sql`${auditLog.entityId} in ${sorted.map(String)}`));
    expect(audits[0]!.n).toBe(6);
  });

  it("refuses an agent, and a job with no cards", async () => {
    const s = await bulkSetup(1);
    const agent = await createStaff(s.db);
    const input = {
      key: randomUUID(),
      selection: { cardIds: s.cardIds },
      days: 2,
      reasonCode: "complaint" as const,
      reason: "r",
    };
    await expect(createGoodwillJob(input, agent, {}, s.db)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createGoodwillJob({ ...input, selection: { cardIds: [2_000_000_000] } }, s.supervisor, {}, s.db),
    ).rejects.toMatchObject({ code: "desk.goodwill.errors.no_cards" });
    expect(await s.db.select().from(goodwillJobs).where(eq(goodwillJobs.key, input.key))).toHaveLength(0);
  });
});
