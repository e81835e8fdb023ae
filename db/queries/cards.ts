import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import type { RealNameStatus } from "@/lib/domain/enums";
import {
  auditLog,
  cardNumbers,
  carrierRequests,
  cards,
  customers,
  notifications,
  payments,
  periods,
  plans,
  planVersions,
  renewals,
  staff,
} from "../schema";

/** A period with the plan it was bought under. */
function periodsWithPlans(db: DbOrTx) {
  return db
    .select({
      id: periods.id,
      renewalId: periods.renewalId,
      startsAt: periods.startsAt,
      endsAt: periods.endsAt,
      dataCnMb: periods.dataCnMb,
      dataHkMb: periods.dataHkMb,
      usedCnMb: periods.usedCnMb,
      usedHkMb: periods.usedHkMb,
      planNameEn: plans.nameEn,
      planNameZh: plans.nameZh,
      planNameZhHant: plans.nameZhHant,
      planVersion: planVersions.version,
    })
    .from(periods)
    .innerJoin(renewals, eq(renewals.id, periods.renewalId))
    .innerJoin(planVersions, eq(planVersions.id, renewals.planVersionId))
    .innerJoin(plans, eq(plans.id, planVersions.planId));
}

/**
 * The period whose data the card is using now, or, once validity has ended,
 * the last one it used: the latest-ending period that has started
 * (periods_card_ends). Queued periods, not started yet, are skipped, and so
 * are periods the carrier has not activated: their data was never delivered.
 */
function latestStartedPeriod(db: DbOrTx, cardId: number | typeof cards.id, now: Date) {
  return periodsWithPlans(db)
    .where(
      and(
        eq(periods.cardId, cardId),
        isNull(periods.voidedAt),
        lte(periods.startsAt, now),
        ne(renewals.status, "paid"),
      ),
    )
    .orderBy(desc(periods.endsAt))
    .limit(1);
}

/**
 * The validity end before the card's first renewal the carrier has not
 * activated, or null (renewals_card_history: a card has a few renewals a year).
 */
export function undeliveredFromColumn(cardId: typeof cards.id) {
  return sql<Date | null>`(select min(r.previous_validity_end) from ${renewals} r where r.card_id = ${cardId} and r.status = 'paid')`.mapWith(
    (value: string | Date | null) => (value === null ? null : new Date(value)),
  );
}

const cardSummaryColumns = {
  cardId: cards.id,
  undeliveredFrom: undeliveredFromColumn(cards.id),
  customerId: cards.customerId,
  iccid: cards.iccid,
  validityEnd: cards.validityEnd,
  suspendedAt: cards.suspendedAt,
  suspensionReason: cards.suspensionReason,
  suspendedByName: staff.name,
  replacedAt: cards.replacedAt,
  replacedByCardId: cards.replacedByCardId,
  storedValueHkdMinor: cards.storedValueHkdMinor,
  nameZh: customers.nameZh,
  nameEn: customers.nameEn,
  email: customers.email,
};

async function cardSummaries(db: DbOrTx, now: Date, where: ReturnType<typeof and>, limit: number) {
  const period = latestStartedPeriod(db, cards.id, now).as("latest_period");
  const rows = await db
    .select({ ...cardSummaryColumns, period: { ...period._.selectedFields } })
    .from(cards)
    .innerJoin(customers, eq(customers.id, cards.customerId))
    .leftJoin(staff, eq(staff.id, cards.suspendedBy))
    .leftJoinLateral(period, sql`true`)
    .where(where)
    .orderBy(asc(cards.customerId), asc(cards.id))
    .limit(limit);
  const numbers = await listCardNumbers(
    rows.map((r) => r.cardId),
    db,
  );
  return rows.map(({ period: p, ...card }) => {
    // A period's data is usable only until it ends; after that the card has none left.
    const current = p?.endsAt ? p.endsAt.getTime() > now.getTime() : false;
    return {
      ...card,
      period: p?.endsAt ? p : null,
      dataLeft: p && current ? { cnMb: p.dataCnMb - p.usedCnMb, hkMb: p.dataHkMb - p.usedHkMb } : null,
      numbers: numbers.get(card.cardId) ?? [],
    };
  });
}

export type CardSummary = Awaited<ReturnType<typeof cardSummaries>>[number];

/** One line per card for result lists: customer name, state inputs, latest plan and its data. Two queries whatever the count. */
export async function getCardSummaries(
  cardIds: number[],
  options: { now?: Date } = {},
  db: DbOrTx = defaultDb,
): Promise<CardSummary[]> {
  if (cardIds.length === 0) return [];
  return cardSummaries(db, options.now ?? new Date(), and(inArray(cards.id, cardIds)), cardIds.length);
}

/** A customer's cards in id order, a keyset page at a time. */
export async function listCustomerCards(
  params: { customerId: number; afterCardId?: number | null; limit: number; now?: Date },
  db: DbOrTx = defaultDb,
): Promise<{ items: CardSummary[]; hasMore: boolean }> {
  const rows = await cardSummaries(
    db,
    params.now ?? new Date(),
    and(eq(cards.customerId, params.customerId), params.afterCardId ? gt(cards.id, params.afterCardId) : undefined),
    params.limit + 1,
  );
  return { items: rows.slice(0, params.limit), hasMore: rows.length > params.limit };
}

export interface CardNumber {
  region: "HK" | "CN";
  msisdn: string;
  realNameStatus: RealNameStatus;
  releasedAt: Date | null;
}

/** Every number of the given cards, live ones first, by card. */
export async function listCardNumbers(cardIds: number[], db: DbOrTx = defaultDb): Promise<Map<number, CardNumber[]>> {
  const byCard = new Map<number, CardNumber[]>();
  if (cardIds.length === 0) return byCard;
  const rows = await db
    .select({
      cardId: cardNumbers.cardId,
      region: cardNumbers.region,
      msisdn: cardNumbers.msisdn,
      realNameStatus: cardNumbers.realNameStatus,
      releasedAt: cardNumbers.releasedAt,
    })
    .from(cardNumbers)
    .where(inArray(cardNumbers.cardId, cardIds))
    .orderBy(
      asc(cardNumbers.cardId),
      sql`${cardNumbers.releasedAt} is not null`,
      asc(cardNumbers.region),
      asc(cardNumbers.id),
    );
  for (const { cardId, ...number } of rows) {
    const list = byCard.get(cardId) ?? [];
    list.push(number);
    byCard.set(cardId, list);
  }
  return byCard;
}

/** The card, only when it belongs to that customer: a mismatched pair is as unknown as a missing one. */
export async function getCard(params: { customerId: number; cardId: number }, db: DbOrTx = defaultDb) {
  const [row] = await db
    .select({
      id: cards.id,
      customerId: cards.customerId,
      iccid: cards.iccid,
      form: cards.form,
      validityEnd: cards.validityEnd,
      suspendedAt: cards.suspendedAt,
      suspensionReason: cards.suspensionReason,
      replacedAt: cards.replacedAt,
      replacedByCardId: cards.replacedByCardId,
      storedValueHkdMinor: cards.storedValueHkdMinor,
      activatedAt: cards.activatedAt,
      undeliveredFrom: undeliveredFromColumn(cards.id),
      customerNameZh: customers.nameZh,
      customerNameEn: customers.nameEn,
      customerLanguage: customers.preferredLanguage,
    })
    .from(cards)
    .innerJoin(customers, eq(customers.id, cards.customerId))
    .where(and(eq(cards.id, params.cardId), eq(cards.customerId, params.customerId)))
    .limit(1);
  if (!row) return null;
  const numbers = await listCardNumbers([row.id], db);
  return { ...row, numbers: numbers.get(row.id) ?? [] };
}

export type CardDetail = NonNullable<Awaited<ReturnType<typeof getCard>>>;

/** Queued periods are capped by the validity cap (two years); this bounds a page of them generously. */
const QUEUED_PERIODS_SHOWN = 30;

/**
 * The latest period that has started (the one in use, or once validity has
 * ended the last one used) and the paid periods waiting to start, with their plans.
 */
export async function getCardPeriods(params: { cardId: number; now?: Date }, db: DbOrTx = defaultDb) {
  const now = params.now ?? new Date();
  const [latest, queued] = await Promise.all([
    latestStartedPeriod(db, params.cardId, now),
    periodsWithPlans(db)
      .where(and(eq(periods.cardId, params.cardId), isNull(periods.voidedAt), gt(periods.startsAt, now)))
      .orderBy(asc(periods.startsAt))
      .limit(QUEUED_PERIODS_SHOWN),
  ]);
  const last = latest[0] ?? null;
  return { current: last && last.endsAt.getTime() > now.getTime() ? last : null, last, queued };
}

/**
 * A page of the card's renewals, newest first (renewals_card_history). The
 * cursor is the last renewal id shown; its own (created_at, id) is the key,
 * so a forged id can only give an empty page.
 */
export async function listCardRenewals(
  params: { cardId: number; afterRenewalId?: number | null; limit: number },
  db: DbOrTx = defaultDb,
) {
  const keyset = params.afterRenewalId
    ? sql`(${renewals.createdAt}, ${renewals.id}) < (select r2.created_at, r2.id from ${renewals} r2 where r2.id = ${params.afterRenewalId} and r2.card_id = ${params.cardId})`
    : undefined;
  const payment = db
    .select({
      method: payments.method,
      reference: payments.reference,
      amountMinor: payments.amountMinor,
      paymentCurrency: payments.currency,
    })
    .from(payments)
    .where(eq(payments.renewalId, renewals.id))
    .orderBy(asc(payments.id))
    .limit(1)
    .as("payment");
  const rows = await db
    .select({
      id: renewals.id,
      createdAt: renewals.createdAt,
      status: renewals.status,
      channel: renewals.channel,
      cardState: renewals.cardState,
      priceMinor: renewals.priceMinor,
      currency: renewals.currency,
      previousValidityEnd: renewals.previousValidityEnd,
      newValidityEnd: renewals.newValidityEnd,
      activationAttempts: sql<number>`coalesce(${carrierRequests.attempts}, 0)`.mapWith(Number),
      lastActivationError: carrierRequests.lastError,
      voidedAt: renewals.voidedAt,
      periodStartsAt: periods.startsAt,
      periodEndsAt: periods.endsAt,
      planNameEn: plans.nameEn,
      planNameZh: plans.nameZh,
      planNameZhHant: plans.nameZhHant,
      planVersion: planVersions.version,
      soldByName: staff.name,
      payment: { ...payment._.selectedFields },
    })
    .from(renewals)
    .innerJoin(planVersions, eq(planVersions.id, renewals.planVersionId))
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .leftJoin(periods, eq(periods.renewalId, renewals.id))
    .leftJoin(carrierRequests, and(eq(carrierRequests.renewalId, renewals.id), eq(carrierRequests.kind, "activate")))
    .leftJoin(staff, eq(staff.id, renewals.soldBy))
    .leftJoinLateral(payment, sql`true`)
    .where(and(eq(renewals.cardId, params.cardId), keyset))
    .orderBy(desc(renewals.createdAt), desc(renewals.id))
    .limit(params.limit + 1);
  return {
    items: rows.slice(0, params.limit).map(({ payment: p, ...r }) => ({ ...r, payment: p?.method ? p : null })),
    hasMore: rows.length > params.limit,
  };
}

export type CardRenewal = Awaited<ReturnType<typeof listCardRenewals>>["items"][number];

/** Messages queued or sent for the card, newest first (notifications_card). */
export async function listCardNotifications(
  params: { cardId: number; afterId?: number | null; limit: number },
  db: DbOrTx = defaultDb,
) {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      toMsisdn: notifications.toMsisdn,
      language: notifications.language,
      body: notifications.body,
      status: notifications.status,
      attempts: notifications.attempts,
      sentAt: notifications.sentAt,
      createdAt: notifications.createdAt,
      renewalId: notifications.renewalId,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.cardId, params.cardId),
        params.afterId ? sql`${notifications.id} < ${params.afterId}` : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(params.limit + 1);
  return { items: rows.slice(0, params.limit), hasMore: rows.length > params.limit };
}

export interface AuditEvent {
  id: number;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actorName: string | null;
}

/**
 * What was done to the card, its renewals and its messages, newest first.
 * Three index-driven branches (audit_log_entity) merged, never an OR that
 * would scan the whole log.
 */
export async function listCardAudit(
  params: { cardId: number; afterId?: number | null; limit: number },
  db: DbOrTx = defaultDb,
) {
  const before = params.afterId ? sql`and a.id < ${params.afterId}` : sql``;
  const take = params.limit + 1;
  const rows = await db.execute<{
    id: string;
    action: string;
    entity_type: string;
    entity_id: string;
    before: unknown;
    after: unknown;
    created_at: string;
    actor_name: string | null;
  }>(sql`
    select e.id, e.action, e.entity_type, e.entity_id, e.before, e.after, s.name as actor_name,
      to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
    from (
      (select a.* from ${auditLog} a where a.entity_type = 'card' and a.entity_id = ${String(params.cardId)} ${before} order by a.id desc limit ${take})
      union all
      (select a.* from ${renewals} r join ${auditLog} a on a.entity_type = 'renewal' and a.entity_id = r.id::text
       where r.card_id = ${params.cardId} ${before} order by a.id desc limit ${take})
      union all
      (select a.* from ${notifications} n join ${auditLog} a on a.entity_type = 'notification' and a.entity_id = n.id::text
       where n.card_id = ${params.cardId} ${before} order by a.id desc limit ${take})
    ) e
    left join ${staff} s on s.id = e.actor_staff_id
    order by e.id desc
    limit ${take}`);
  const items: AuditEvent[] = rows.map((r) => ({
    id: Number(r.id),
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    createdAt: new Date(r.created_at),
    actorName: r.actor_name,
  }));
  return { items: items.slice(0, params.limit), hasMore: items.length > params.limit };
}
