import { and, asc, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db as defaultDb, type DbOrTx } from "@/db";
import { cardNumbers, cards, customers, goodwillExtensions, goodwillJobItems, goodwillJobs, staff } from "@/db/schema";
import { GOODWILL_WINDOW_DAYS, quoteGoodwill, type GoodwillRefusal } from "@/lib/domain/goodwill";
import { DAY_MS } from "@/lib/domain/time";

export interface GoodwillRules {
  graceDays: number;
  capYears: number;
  now: Date;
}

/**
 * The one goodwill check, like checkRenewal: the review calls it to show old
 * and new ends, and the confirm (single or one bulk item) calls it again in
 * its transaction with `lock: true`, against the card row it then holds.
 * `accepted` is present only when nothing refuses.
 */
export async function checkGoodwill(
  input: { cardId: number; days: number },
  rules: GoodwillRules,
  options: { lock?: boolean } = {},
  db: DbOrTx = defaultDb,
) {
  const cardQuery = db
    .select({
      id: cards.id,
      customerId: cards.customerId,
      validityEnd: cards.validityEnd,
      suspendedAt: cards.suspendedAt,
      language: customers.preferredLanguage,
    })
    .from(cards)
    .innerJoin(customers, eq(customers.id, cards.customerId))
    .where(eq(cards.id, input.cardId));
  // The card row first and alone, so two grants of one card count each other.
  const [card] = options.lock ? await cardQuery.for("update", { of: cards }) : await cardQuery;
  if (!card) return { quote: null, refusals: [{ code: "card_not_found" }] as GoodwillRefusal[], accepted: null };
  const since = new Date(rules.now.getTime() - GOODWILL_WINDOW_DAYS * DAY_MS);
  const [[recent], [number]] = await Promise.all([
    db
      .select({ n: count() })
      .from(goodwillExtensions)
      .where(and(eq(goodwillExtensions.cardId, card.id), gt(goodwillExtensions.createdAt, since))),
    db
      .select({ msisdn: cardNumbers.msisdn })
      .from(cardNumbers)
      .where(and(eq(cardNumbers.cardId, card.id), isNull(cardNumbers.releasedAt)))
      .orderBy(desc(sql`${cardNumbers.region} = 'HK'`), asc(cardNumbers.id))
      .limit(1),
  ]);
  const quote = quoteGoodwill({
    now: rules.now,
    card,
    days: input.days,
    recentCount: recent?.n ?? 0,
    graceDays: rules.graceDays,
    capYears: rules.capYears,
  });
  const accepted = quote.refusals.length === 0 ? { card, quote, smsMsisdn: number?.msisdn ?? null } : null;
  return { quote, refusals: quote.refusals, accepted, recentCount: recent?.n ?? 0 };
}

/** A card's goodwill history, newest first. */
export async function listCardGoodwill(cardId: number, db: DbOrTx = defaultDb) {
  return db
    .select({
      id: goodwillExtensions.id,
      days: goodwillExtensions.days,
      reasonCode: goodwillExtensions.reasonCode,
      reason: goodwillExtensions.reason,
      previousValidityEnd: goodwillExtensions.previousValidityEnd,
      newValidityEnd: goodwillExtensions.newValidityEnd,
      jobId: goodwillExtensions.jobId,
      grantedByName: staff.name,
      createdAt: goodwillExtensions.createdAt,
    })
    .from(goodwillExtensions)
    .innerJoin(staff, eq(staff.id, goodwillExtensions.grantedBy))
    .where(eq(goodwillExtensions.cardId, cardId))
    .orderBy(desc(goodwillExtensions.createdAt), desc(goodwillExtensions.id))
    .limit(50);
}

/** A bulk job with its progress, counted from its items. */
export async function getGoodwillJob(jobId: number, db: DbOrTx = defaultDb) {
  const creator = alias(staff, "creator");
  const [job] = await db
    .select({
      id: goodwillJobs.id,
      days: goodwillJobs.days,
      reasonCode: goodwillJobs.reasonCode,
      reason: goodwillJobs.reason,
      ticketRef: goodwillJobs.ticketRef,
      status: goodwillJobs.status,
      total: goodwillJobs.total,
      createdAt: goodwillJobs.createdAt,
      finishedAt: goodwillJobs.finishedAt,
      createdByName: creator.name,
    })
    .from(goodwillJobs)
    .innerJoin(creator, eq(creator.id, goodwillJobs.createdBy))
    .where(eq(goodwillJobs.id, jobId));
  if (!job) return null;
  const counts = await db
    .select({ status: goodwillJobItems.status, skipReason: goodwillJobItems.skipReason, n: count() })
    .from(goodwillJobItems)
    .where(eq(goodwillJobItems.jobId, jobId))
    .groupBy(goodwillJobItems.status, goodwillJobItems.skipReason);
  const of = (status: string) => counts.filter((c) => c.status === status).reduce((sum, c) => sum + c.n, 0);
  const skippedBy = counts
    .filter((c) => c.status === "skipped")
    .map((c) => ({ reason: c.skipReason ?? "", count: c.n }));
  return { ...job, extended: of("extended"), skipped: of("skipped"), pending: of("pending"), skippedBy };
}

export type GoodwillJob = NonNullable<Awaited<ReturnType<typeof getGoodwillJob>>>;

export async function listGoodwillJobs(db: DbOrTx = defaultDb) {
  return db
    .select({
      id: goodwillJobs.id,
      days: goodwillJobs.days,
      reasonCode: goodwillJobs.reasonCode,
      status: goodwillJobs.status,
      total: goodwillJobs.total,
      createdAt: goodwillJobs.createdAt,
    })
    .from(goodwillJobs)
    .orderBy(desc(goodwillJobs.id))
    .limit(20);
}

export const BULK_PREVIEW_CHECKED = 5000;

/**
 * What a bulk extension would do, card by card through the same quoteGoodwill
 * the worker applies: how many would be extended, how many skipped and why,
 * and the first cards with their new ends. Large selections are counted in
 * full and checked for their first BULK_PREVIEW_CHECKED cards.
 */
export async function previewGoodwillBulk(
  params: { selection: { cardIds: number[] } | { allActive: true }; days: number },
  rules: GoodwillRules,
  db: DbOrTx = defaultDb,
) {
  const filter =
    "cardIds" in params.selection
      ? sql`c.id = any(${`{${params.selection.cardIds.map(Math.trunc).join(",")}}`}::int[])`
      : sql`c.suspended_at is null and c.validity_end > ${rules.now.toISOString()}::timestamptz`;
  const since = new Date(rules.now.getTime() - GOODWILL_WINDOW_DAYS * DAY_MS);
  const [[total], rows] = await Promise.all([
    db.execute<{ n: number }>(sql`select count(*)::int as n from cards c where ${filter}`),
    db.execute<{
      id: number;
      customer_id: number;
      validity_end: string;
      suspended_at: string | null;
      recent: number;
    }>(sql`
      select c.id, c.customer_id, c.validity_end::text, c.suspended_at::text,
        (select count(*)::int from goodwill_extensions g where g.card_id = c.id and g.created_at > ${since.toISOString()}::timestamptz) as recent
      from cards c where ${filter}
      order by c.id limit ${BULK_PREVIEW_CHECKED}`),
  ]);
  const skipped = new Map<string, number>();
  const sample: { cardId: number; customerId: number; from: Date; to: Date }[] = [];
  let extended = 0;
  for (const row of rows) {
    const quote = quoteGoodwill({
      now: rules.now,
      card: {
        validityEnd: new Date(row.validity_end),
        suspendedAt: row.suspended_at ? new Date(row.suspended_at) : null,
      },
      days: params.days,
      recentCount: row.recent,
      graceDays: rules.graceDays,
      capYears: rules.capYears,
    });
    if (quote.refusals.length) {
      const code = quote.refusals[0]!.code;
      skipped.set(code, (skipped.get(code) ?? 0) + 1);
    } else {
      extended++;
      if (sample.length < 10) {
        sample.push({
          cardId: row.id,
          customerId: row.customer_id,
          from: quote.previousValidityEnd,
          to: quote.newValidityEnd,
        });
      }
    }
  }
  return {
    total: total?.n ?? 0,
    checked: rows.length,
    extended,
    skipped: [...skipped.entries()].map(([code, count]) => ({ code, count })),
    sample,
  };
}

/**
 * Goodwill extensions granted in a range of Hong Kong days: counted apart from
 * renewals, never revenue. From goodwill_day (kept by a trigger on goodwill_extensions).
 */
export async function summariseGoodwill(range: { from: string; to: string }, db: DbOrTx = defaultDb) {
  const [row] = await db.execute<{ extensions: number; days: number }>(sql`
    select coalesce(sum(extensions), 0)::int as extensions, coalesce(sum(days), 0)::int as days
    from goodwill_day
    where day between ${range.from}::date and ${range.to}::date`);
  return { extensions: row?.extensions ?? 0, days: row?.days ?? 0 };
}
