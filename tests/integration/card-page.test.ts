import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { getCardLifecycle } from "@/db/queries/card-lifecycle";
import { getCardPage } from "@/db/queries/card-page";
import { getCard, getCardPeriods, listCardAudit, listCardNotifications, listCardRenewals } from "@/db/queries/cards";
import { listRealNames } from "@/db/queries/desk";
import { listCardGoodwill } from "@/db/queries/goodwill";
import { DAY_MS } from "@/lib/domain/time";
import { testDb } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, recordRenewal, uniqueCn } from "../helpers/factories";

async function cardWithHistory() {
  const { db } = testDb();
  const agent = await createStaff(db);
  const { customerId, cardId } = await createCustomerWithCard(db, { cn: uniqueCn() });
  const { planVersionId } = await createPlan(db);
  const now = new Date();
  // One period in use, one queued behind it.
  await recordRenewal(db, {
    cardId,
    planVersionId,
    createdAt: new Date(now.getTime() - 10 * DAY_MS),
    previousValidityEnd: new Date(now.getTime() - 10 * DAY_MS),
    soldBy: agent.id,
  });
  await recordRenewal(db, {
    cardId,
    planVersionId,
    createdAt: now,
    previousValidityEnd: new Date(now.getTime() + 20 * DAY_MS),
  });
  await db.execute(sql`insert into card_suspensions (card_id, reason, note, suspended_by, suspended_at, lifted_at, lifted_by)
    values (${cardId}, 'lost', 'on the MTR', ${agent.id}, now() - interval '3 days', now() - interval '2 days', ${agent.id})`);
  return { customerId, cardId, now };
}

describe("the card page", () => {
  it("reads its head in one statement that equals the separate reads it replaces", async () => {
    const { db } = testDb();
    const { customerId, cardId, now } = await cardWithHistory();
    const page = await getCardPage({ customerId, cardId, now }, db);
    expect(page).not.toBeNull();
    expect(page!.card).toEqual(await getCard({ customerId, cardId }, db));
    expect(page!.periods).toEqual(await getCardPeriods({ cardId, now }, db));
    expect(page!.periods.current).not.toBeNull();
    expect(page!.periods.queued).toHaveLength(1);
    expect(page!.lifecycle).toEqual(await getCardLifecycle(cardId, db));
    expect(page!.lifecycle.suspensions).toHaveLength(1);
    expect(page!.realNames).toEqual(await listRealNames(cardId, db));
    expect(page!.realNames).toHaveLength(2);
    expect(page!.goodwill).toEqual(await listCardGoodwill(cardId, db));
  });

  it("knows no card under another customer", async () => {
    const { db } = testDb();
    const { cardId } = await cardWithHistory();
    const other = await createCustomerWithCard(db);
    expect(await getCardPage({ customerId: other.customerId, cardId }, db)).toBeNull();
  });

  it("takes four statements after the session: head, renewals, messages, audit", async () => {
    const { customerId, cardId, now } = await cardWithHistory();
    const statements: string[] = [];
    const counted = createDb(process.env.DATABASE_URL!, { max: 1, onQuery: (q) => statements.push(q) });
    try {
      // The connection's own start-up (postgres.js reads array types once) is not the page's.
      await counted.db.execute(sql`select 1`);
      statements.length = 0;
      // What the layout and the page run (load-card-page.ts caches the head for both).
      await getCardPage({ customerId, cardId, now }, counted.db);
      await Promise.all([
        listCardRenewals({ cardId, limit: 10 }, counted.db),
        listCardNotifications({ cardId, limit: 10 }, counted.db),
        listCardAudit({ cardId, limit: 15 }, counted.db),
      ]);
    } finally {
      await counted.close();
    }
    expect(statements).toHaveLength(4);
  });
});
