import { and, asc, desc, eq, gt, isNull, lte, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db as defaultDb, type DbOrTx } from "@/db";
import {
  cardNumbers,
  carrierRequests,
  cards,
  customers,
  notifications,
  payments,
  periods,
  planVersions,
  plans,
  refunds,
  renewals,
  staff,
} from "@/db/schema";
import {
  checkRecentRenewal,
  quoteRenewal,
  realNameWarning,
  RECENT_RENEWAL_MINUTES,
  type RecentRenewal,
  type RenewalRefusal,
} from "@/lib/domain/renewal-quote";
import type { RenewalRequest } from "@/lib/validation/renewal";
import { checkPayment } from "./payments";
import { getSellablePlanVersion } from "./plans";

/** Everything the renew page shows about a card before the agent chooses a plan. */
export async function getRenewalContext(customerId: number, cardId: number, db: DbOrTx = defaultDb) {
  const [card] = await db
    .select({
      id: cards.id,
      iccid: cards.iccid,
      validityEnd: cards.validityEnd,
      suspendedAt: cards.suspendedAt,
      suspensionReason: cards.suspensionReason,
      storedValueHkdMinor: cards.storedValueHkdMinor,
      customerId: customers.id,
      nameZh: customers.nameZh,
      nameEn: customers.nameEn,
      preferredLanguage: customers.preferredLanguage,
    })
    .from(cards)
    .innerJoin(customers, eq(customers.id, cards.customerId))
    .where(and(eq(cards.id, cardId), eq(cards.customerId, customerId)))
    .limit(1);
  if (!card) return null;
  const [numbers, current, [last]] = await Promise.all([
    db
      .select({ msisdn: cardNumbers.msisdn, region: cardNumbers.region, realNameStatus: cardNumbers.realNameStatus })
      .from(cardNumbers)
      .where(and(eq(cardNumbers.cardId, cardId), isNull(cardNumbers.releasedAt)))
      .orderBy(asc(cardNumbers.region)),
    db
      .select({
        startsAt: periods.startsAt,
        endsAt: periods.endsAt,
        dataCnMb: periods.dataCnMb,
        dataHkMb: periods.dataHkMb,
        usedCnMb: periods.usedCnMb,
        usedHkMb: periods.usedHkMb,
      })
      .from(periods)
      .where(
        and(
          eq(periods.cardId, cardId),
          isNull(periods.voidedAt),
          lte(periods.startsAt, sql`now()`),
          gt(periods.endsAt, sql`now()`),
        ),
      )
      .orderBy(desc(periods.endsAt))
      .limit(1),
    // The smart defaults: the plan the card is on and where its last confirmation went.
    db
      .select({ planId: planVersions.planId, smsMsisdn: renewals.smsMsisdn, smsLanguage: renewals.smsLanguage })
      .from(renewals)
      .innerJoin(planVersions, eq(planVersions.id, renewals.planVersionId))
      .where(and(eq(renewals.cardId, cardId), ne(renewals.status, "voided")))
      .orderBy(desc(renewals.createdAt), desc(renewals.id))
      .limit(1),
  ]);
  return { card, numbers, currentPeriod: current[0] ?? null, lastRenewal: last ?? null };
}

export type RenewalContext = NonNullable<Awaited<ReturnType<typeof getRenewalContext>>>;

/** One renewal with everything its receipt shows; a fixed number of queries whatever the card's history. */
export async function getRenewalReceipt(renewalId: number, db: DbOrTx = defaultDb) {
  const seller = alias(staff, "seller");
  const voider = alias(staff, "voider");
  const [row] = await db
    .select({
      id: renewals.id,
      status: renewals.status,
      channel: renewals.channel,
      cardState: renewals.cardState,
      extensionMode: renewals.extensionMode,
      previousValidityEnd: renewals.previousValidityEnd,
      newValidityEnd: renewals.newValidityEnd,
      priceMinor: renewals.priceMinor,
      currency: renewals.currency,
      smsMsisdn: renewals.smsMsisdn,
      smsLanguage: renewals.smsLanguage,
      activatedAt: renewals.activatedAt,
      activationAttempts: sql<number>`coalesce(${carrierRequests.attempts}, 0)`.mapWith(Number),
      lastActivationError: carrierRequests.lastError,
      voidedAt: renewals.voidedAt,
      voidReason: renewals.voidReason,
      createdAt: renewals.createdAt,
      sellerName: seller.name,
      voiderName: voider.name,
      cardId: cards.id,
      iccid: cards.iccid,
      cardValidityEnd: cards.validityEnd,
      customerId: customers.id,
      nameZh: customers.nameZh,
      nameEn: customers.nameEn,
      customerLanguage: customers.preferredLanguage,
      planCode: plans.code,
      planNameEn: plans.nameEn,
      planNameZh: plans.nameZh,
      planNameZhHant: plans.nameZhHant,
      planVersion: planVersions.version,
      validityDays: planVersions.validityDays,
      periodStartsAt: periods.startsAt,
      periodEndsAt: periods.endsAt,
      dataCnMb: periods.dataCnMb,
      dataHkMb: periods.dataHkMb,
      paymentId: payments.id,
      paymentMethod: payments.method,
      paymentReference: payments.reference,
      paymentAmountMinor: payments.amountMinor,
      paymentCurrency: payments.currency,
      paymentReceivedAt: payments.receivedAt,
      refundAmountMinor: refunds.amountMinor,
      refundMethod: refunds.method,
      refundReference: refunds.reference,
      refundedAt: refunds.refundedAt,
    })
    .from(renewals)
    .innerJoin(cards, eq(cards.id, renewals.cardId))
    .innerJoin(customers, eq(customers.id, cards.customerId))
    .innerJoin(planVersions, eq(planVersions.id, renewals.planVersionId))
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .innerJoin(periods, eq(periods.renewalId, renewals.id))
    .innerJoin(payments, eq(payments.renewalId, renewals.id))
    .leftJoin(refunds, eq(refunds.paymentId, payments.id))
    .leftJoin(carrierRequests, and(eq(carrierRequests.renewalId, renewals.id), eq(carrierRequests.kind, "activate")))
    .leftJoin(seller, eq(seller.id, renewals.soldBy))
    .leftJoin(voider, eq(voider.id, renewals.voidedBy))
    .where(eq(renewals.id, renewalId))
    .limit(1);
  if (!row) return null;
  const [messages, later] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        status: notifications.status,
        toMsisdn: notifications.toMsisdn,
        body: notifications.body,
        sentAt: notifications.sentAt,
        createdAt: notifications.createdAt,
        attempts: notifications.attempts,
      })
      .from(notifications)
      .where(eq(notifications.renewalId, renewalId))
      .orderBy(asc(notifications.id))
      .limit(20),
    db
      .select({ id: periods.id })
      .from(periods)
      .where(
        and(
          eq(periods.cardId, row.cardId),
          isNull(periods.voidedAt),
          // Later: ends later, or ends with it and was sold after it (as voidRenewal decides).
          or(
            gt(periods.endsAt, row.periodEndsAt),
            and(eq(periods.endsAt, row.periodEndsAt), gt(periods.renewalId, row.id)),
          ),
        ),
      )
      .limit(1),
  ]);
  return { ...row, messages, isLatest: later.length === 0 };
}

export type RenewalReceipt = NonNullable<Awaited<ReturnType<typeof getRenewalReceipt>>>;

export interface RenewalCheckRules {
  graceDays: number;
  capYears: number;
  now: Date;
}

/** The card's latest live renewal in the RECENT_RENEWAL_MINUTES before `now`, by anyone (renewals_card_history). */
export async function findRecentRenewal(
  cardId: number,
  now: Date,
  db: DbOrTx = defaultDb,
): Promise<RecentRenewal | null> {
  const since = new Date(now.getTime() - RECENT_RENEWAL_MINUTES * 60_000);
  const [recent] = await db
    .select({ renewalId: renewals.id, soldByName: staff.name, createdAt: renewals.createdAt })
    .from(renewals)
    .leftJoin(staff, eq(staff.id, renewals.soldBy))
    .where(and(eq(renewals.cardId, cardId), gt(renewals.createdAt, since), ne(renewals.status, "voided")))
    .orderBy(desc(renewals.createdAt), desc(renewals.id))
    .limit(1);
  return recent ?? null;
}

/**
 * The one renewal check: the preview calls it to show the agent what would
 * happen, and the confirm calls it again inside its transaction with
 * `lock: true`, against the card row it then holds. It reads the card, the
 * sellable plan version, the SMS number, the (normalised) reference and any
 * renewal of the card in the last RECENT_RENEWAL_MINUTES (which needs the
 * agent's acknowledgement), quotes the dates and money, and returns every
 * refusal as data (messages: `describeRefusal`). `quote` is null when there is
 * no card or no sellable plan to quote against; `recent` is what the review
 * names; `accepted` carries what the confirm writes from, and only when
 * nothing refuses.
 */
export async function checkRenewal(
  input: RenewalRequest,
  rules: RenewalCheckRules,
  options: { lock?: boolean } = {},
  db: DbOrTx = defaultDb,
) {
  const cardQuery = db
    .select({
      id: cards.id,
      customerId: cards.customerId,
      validityEnd: cards.validityEnd,
      suspendedAt: cards.suspendedAt,
      replacedAt: cards.replacedAt,
      storedValueHkdMinor: cards.storedValueHkdMinor,
    })
    .from(cards)
    .where(eq(cards.id, input.cardId));
  // The lock comes first and alone: reading the plan or number before it would
  // let a concurrent renewal change what this one quotes against.
  const [card] = options.lock ? await cardQuery.for("update") : await cardQuery;
  const [plan, [number], recent] = await Promise.all([
    getSellablePlanVersion(input.planVersionId, db),
    db
      .select({ msisdn: cardNumbers.msisdn, realNameStatus: cardNumbers.realNameStatus })
      .from(cardNumbers)
      .where(
        and(
          eq(cardNumbers.cardId, input.cardId),
          eq(cardNumbers.msisdn, input.smsMsisdn),
          isNull(cardNumbers.releasedAt),
        ),
      )
      .limit(1),
    card ? findRecentRenewal(card.id, rules.now, db) : null,
  ]);

  const refusals: RenewalRefusal[] = [];
  if (!card) refusals.push({ code: "card_not_found" });
  if (!plan) refusals.push({ code: "plan_not_sellable" });
  if (!card || !plan) return { plan: null, quote: null, recent: null, refusals, accepted: null };

  if (!number) refusals.push({ code: "sms_number_not_on_card" });
  const quote = quoteRenewal({
    now: rules.now,
    card,
    plan,
    method: input.method,
    currency: input.currency,
    graceDays: rules.graceDays,
    capYears: rules.capYears,
  });
  refusals.push(...quote.refusals);
  const unacknowledged = checkRecentRenewal(recent, input.acknowledgeRecentRenewal);
  if (unacknowledged) refusals.push(unacknowledged);
  const realName = realNameWarning(number?.realNameStatus);
  if (realName) quote.warnings.push(realName);

  // The payment step is shared with top-ups and fees (db/queries/payments.ts), on the normalised reference.
  const payment = await checkPayment({ method: input.method, reference: input.reference }, db);
  refusals.push(...payment.refusals);
  const reference = payment.reference;
  // What the confirm writes from, present only when nothing refuses the renewal.
  const accepted = refusals.length === 0 && number ? { card, plan, quote, smsMsisdn: number.msisdn, reference } : null;
  return { plan, quote, recent, refusals, accepted };
}

export type RenewalCheck = Awaited<ReturnType<typeof checkRenewal>>;
