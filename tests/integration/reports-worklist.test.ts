import { describe, expect, it } from "vitest";
import {
  countWorklistWindows,
  listExpiryWorklist,
  listSuspendedInWindow,
  WORKLIST_PAGE_SIZE,
} from "@/db/queries/expiry-worklist";
import { sendExpiryReminders } from "@/db/mutations/send-expiry-reminders";
import { addDays, DAY_MS, hkDay, hkEndOfDay } from "@/lib/domain/time";
import { testDb } from "../helpers/db";
import {
  createCustomerWithCard,
  createPlan,
  createStaff,
  isolatedNow,
  recordRenewal,
  uniqueCn,
  uniqueHk,
} from "../helpers/factories";

const graceDays = 30;

describe("expiry worklist", () => {
  it("pages every renewable card in the window once, in validity-end order, by keyset", async () => {
    const { db } = testDb();
    const plan = await createPlan(db);
    const now = isolatedNow(plan.planId);
    const today = hkDay(now);
    const inWindow = [];
    for (let i = 0; i < WORKLIST_PAGE_SIZE + 5; i++) {
      inWindow.push(
        (
          await createCustomerWithCard(db, {
            validityEnd: hkEndOfDay(addDays(today, i % 3)),
            cn: uniqueCn(),
          })
        ).cardId,
      );
    }
    await createCustomerWithCard(db, { validityEnd: hkEndOfDay(addDays(today, 1)), suspended: true });
    await createCustomerWithCard(db, { validityEnd: hkEndOfDay(addDays(today, 3)) });

    const params = { window: "3" as const, sort: "end" as const, now, graceDays };
    const first = await listExpiryWorklist({ ...params, after: null }, db);
    expect(first.rows).toHaveLength(WORKLIST_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    const last = first.rows.at(-1)!;
    const second = await listExpiryWorklist(
      { ...params, after: { validityEnd: last.validityEndKey, cardId: last.cardId } },
      db,
    );
    expect(second.hasMore).toBe(false);
    const seen = [...first.rows, ...second.rows];
    expect(seen.map((r) => r.cardId).sort((a, b) => a - b)).toEqual([...inWindow].sort((a, b) => a - b));
    const keys = seen.map((r) => [r.validityEnd.getTime(), r.cardId] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(seen[0]!.cnMsisdn).toMatch(/^\+86147\d{8}$/);

    const newestFirst = await listExpiryWorklist({ ...params, sort: "-end", after: null }, db);
    expect(newestFirst.rows[0]!.validityEnd).toEqual(hkEndOfDay(addDays(today, 2)));

    const counts = await countWorklistWindows({ now, graceDays }, db);
    expect(counts["3"]).toEqual({ count: WORKLIST_PAGE_SIZE + 5, capped: false });
    expect(counts["1"].count).toBe(inWindow.filter((_, i) => i % 3 === 0).length);
  });

  it("shows the plan of the latest live renewal and the latest message as last contact", async () => {
    const { db, sql } = testDb();
    const plan = await createPlan(db);
    const now = isolatedNow(plan.planId);
    const ended = new Date(now.getTime() - 2 * DAY_MS);
    const { cardId } = await createCustomerWithCard(db, { validityEnd: ended, nameZh: "林小姐", nameEn: null });
    await recordRenewal(db, {
      cardId,
      planVersionId: plan.planVersionId,
      createdAt: new Date(now.getTime() - 40 * DAY_MS),
      previousValidityEnd: new Date(ended.getTime() - 30 * DAY_MS),
    });
    await sql`update cards set validity_end = ${ended.toISOString()} where id = ${cardId}`;
    await sql`insert into notifications (kind, card_id, to_msisdn, language, body, dedupe_key, created_at)
      values ('resend', ${cardId}, '+85260000000', 'en', 'x', ${`test:${cardId}:1`}, ${new Date(now.getTime() - DAY_MS).toISOString()})`;

    const { rows } = await listExpiryWorklist({ window: "grace", sort: "end", after: null, now, graceDays }, db);
    expect(rows).toEqual([
      expect.objectContaining({
        cardId,
        nameZh: "林小姐",
        planNameEn: expect.stringMatching(/^Test plan/),
        lastContactKind: "resend",
        lastContactAt: new Date(now.getTime() - DAY_MS),
      }),
    ]);
  });

  it("marks a card whose renewal the carrier has not activated as paid, not active yet, from the end it had before", async () => {
    const { db, sql } = testDb();
    const plan = await createPlan(db);
    const now = isolatedNow(plan.planId);
    const today = hkDay(now);
    const before = hkEndOfDay(addDays(today, 1));
    const [waiting, delivered] = [
      await createCustomerWithCard(db, { validityEnd: before }),
      await createCustomerWithCard(db, { validityEnd: before }),
    ];
    for (const { cardId } of [waiting, delivered])
      await recordRenewal(db, {
        cardId,
        planVersionId: plan.planVersionId,
        createdAt: new Date(now.getTime() - 60_000),
        previousValidityEnd: before,
        days: 1,
      });
    const [paid] = await sql`update renewals set status = 'paid', activated_at = null
      where card_id = ${waiting.cardId} returning id`;
    expect(paid).toBeDefined();

    const { rows } = await listExpiryWorklist({ window: "3", sort: "end", after: null, now, graceDays }, db);
    expect(rows.map((r) => [r.cardId, r.undeliveredFrom])).toEqual([
      [waiting.cardId, before],
      [delivered.cardId, null],
    ]);
  });

  it("lists the window's suspended cards apart, with why, by whom and since when, and never in the calling list", async () => {
    const { db, sql } = testDb();
    const plan = await createPlan(db);
    const agent = await createStaff(db, { name: "Suspending Agent" });
    const now = isolatedNow(plan.planId);
    const today = hkDay(now);
    const lost = await createCustomerWithCard(db, { validityEnd: hkEndOfDay(addDays(today, 2)), suspended: true });
    const later = await createCustomerWithCard(db, { validityEnd: hkEndOfDay(addDays(today, 9)), suspended: true });
    const callable = await createCustomerWithCard(db, { validityEnd: hkEndOfDay(addDays(today, 1)) });
    const since = new Date(now.getTime() - 3 * DAY_MS);
    await sql`update cards set suspended_by = ${agent.id}, suspended_at = ${since.toISOString()} where id = ${lost.cardId}`;

    const suspended = await listSuspendedInWindow({ window: "3", now, graceDays }, db);
    expect(suspended).toEqual({
      rows: [
        expect.objectContaining({
          cardId: lost.cardId,
          suspensionReason: "lost",
          suspendedAt: since,
          suspendedByName: "Suspending Agent",
          validityEnd: hkEndOfDay(addDays(today, 2)),
        }),
      ],
      count: 1,
      capped: false,
    });
    expect((await listSuspendedInWindow({ window: "30", now, graceDays }, db)).rows.map((r) => r.cardId)).toEqual([
      lost.cardId,
      later.cardId,
    ]);
    const calls = await listExpiryWorklist({ window: "3", sort: "end", after: null, now, graceDays }, db);
    expect(calls.rows.map((r) => r.cardId)).toEqual([callable.cardId]);
  });
});

describe("expiry reminders", () => {
  it("queue one SMS per card per threshold through the notification queue, audited, however often staff press send", async () => {
    const { db, sql } = testDb();
    const plan = await createPlan(db);
    const agent = await createStaff(db);
    const now = isolatedNow(plan.planId);
    const today = hkDay(now);
    const [hk, cn] = [uniqueHk(), uniqueCn()];
    const soon = await createCustomerWithCard(db, { validityEnd: hkEndOfDay(addDays(today, 2)), hk });
    const inGrace = await createCustomerWithCard(db, {
      validityEnd: new Date(now.getTime() - DAY_MS),
      hk: null,
      cn,
    });
    const suspended = await createCustomerWithCard(db, { validityEnd: hkEndOfDay(today), suspended: true });
    const far = await createCustomerWithCard(db, { validityEnd: hkEndOfDay(addDays(today, 60)) });
    const cardIds = [soon.cardId, inGrace.cardId, suspended.cardId, far.cardId];

    // Two agents pressing at once: one reminder per card between them.
    const [a, b] = await Promise.all([
      sendExpiryReminders({ cardIds, staffId: agent.id, now, graceDays }, db),
      sendExpiryReminders({ cardIds, staffId: agent.id, now, graceDays }, db),
    ]);
    expect(a.queued + b.queued).toBe(2);
    expect(a.alreadyReminded + b.alreadyReminded).toBe(2);
    expect(a.skipped).toBe(2);

    const queued = await sql`select card_id, kind::text, to_msisdn, dedupe_key, body, status::text from notifications
      where card_id in ${sql([soon.cardId, inGrace.cardId])} order by card_id`;
    expect(queued).toEqual([
      expect.objectContaining({
        card_id: soon.cardId,
        kind: "expiry_reminder",
        to_msisdn: `+852${hk}`,
        status: "pending",
        dedupe_key: `expiry_reminder:${soon.cardId}:3:${hkEndOfDay(addDays(today, 2)).toISOString()}`,
      }),
      expect.objectContaining({
        card_id: inGrace.cardId,
        to_msisdn: `+86${cn}`,
        dedupe_key: expect.stringContaining(":grace:"),
      }),
    ]);
    expect(queued[0]!.body).toContain(addDays(today, 2));
    const audit =
      await sql`select entity_id, action, actor_staff_id, after from audit_log where entity_type = 'card' and entity_id in ${sql([String(soon.cardId), String(inGrace.cardId)])}`;
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ action: "card.expiry_reminder", actor_staff_id: agent.id });

    // On its last day the card is inside the 1-day threshold: one more reminder is due, once.
    const lastDay = new Date(now.getTime() + 2 * DAY_MS);
    expect(
      await sendExpiryReminders({ cardIds: [soon.cardId], staffId: agent.id, now: lastDay, graceDays }, db),
    ).toEqual({ queued: 1, alreadyReminded: 0, skipped: 0 });
    expect(
      await sendExpiryReminders({ cardIds: [soon.cardId], staffId: agent.id, now: lastDay, graceDays }, db),
    ).toEqual({ queued: 0, alreadyReminded: 1, skipped: 0 });
  });

  it("skip unknown cards without failing the batch", async () => {
    const { db } = testDb();
    const agent = await createStaff(db);
    expect(
      await sendExpiryReminders({ cardIds: [2_000_000_000], staffId: agent.id, now: new Date(), graceDays }, db),
    ).toEqual({ queued: 0, alreadyReminded: 0, skipped: 1 });
  });
});
