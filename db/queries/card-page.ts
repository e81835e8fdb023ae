import { sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import type { CardLifecycle } from "./card-lifecycle";
import type { CardDetail, CardNumber, getCardPeriods } from "./cards";
import type { RealNameRow } from "./desk";
import type { listCardGoodwill } from "./goodwill";

/** Queued periods are capped by the validity cap (two years); this bounds a page of them generously. */
const QUEUED_PERIODS_SHOWN = 30;
const SUSPENSIONS_SHOWN = 20;
const GOODWILL_SHOWN = 50;

type Json = Record<string, unknown>;

/** JSON carries instants as ISO strings; the page's components take Dates. */
function withDates<T>(row: Json, keys: readonly string[]): T {
  const out: Json = { ...row };
  for (const key of keys) {
    const value = out[key];
    out[key] = value === null || value === undefined ? null : new Date(value as string);
  }
  return out as T;
}

const periodJson = sql`json_build_object(
  'id', p.id, 'renewalId', p.renewal_id, 'startsAt', p.starts_at, 'endsAt', p.ends_at,
  'dataCnMb', p.data_cn_mb, 'dataHkMb', p.data_hk_mb, 'usedCnMb', p.used_cn_mb, 'usedHkMb', p.used_hk_mb,
  'planNameEn', pl.name_en, 'planNameZh', pl.name_zh, 'planNameZhHant', pl.name_zh_hant, 'planVersion', pv.version)`;

const periodsFrom = sql`periods p join renewals r on r.id = p.renewal_id
  join plan_versions pv on pv.id = r.plan_version_id join plans pl on pl.id = pv.plan_id`;

/**
 * Everything the card page shows above its three history lists, in one
 * statement: the card and its customer, its numbers with their real-name
 * status, the period in use (or last used) and the queued ones, its
 * suspensions, successions and carrier steps, and its goodwill. Each part is
 * a correlated subquery on its own index (periods_card_ends, card_numbers by
 * card, card_suspensions by card …), so the cost stays that of a handful of
 * index probes whatever the table sizes. Null when the card is not that
 * customer's.
 */
export async function getCardPage(params: { customerId: number; cardId: number; now?: Date }, db: DbOrTx = defaultDb) {
  const now = (params.now ?? new Date()).toISOString();
  const [row] = await db.execute<{
    card: Json;
    numbers: Json[];
    latest: Json | null;
    queued: Json[];
    suspensions: Json[];
    successions: Json[];
    carrier: Json[];
    goodwill: Json[];
  }>(sql`
    select
      json_build_object(
        'id', c.id, 'customerId', c.customer_id, 'iccid', c.iccid, 'form', c.form, 'validityEnd', c.validity_end,
        'suspendedAt', c.suspended_at, 'suspensionReason', c.suspension_reason, 'replacedAt', c.replaced_at,
        'replacedByCardId', c.replaced_by_card_id, 'storedValueHkdMinor', c.stored_value_hkd_minor,
        'activatedAt', c.activated_at,
        'undeliveredFrom', (select min(r.previous_validity_end) from renewals r where r.card_id = c.id and r.status = 'paid'),
        'customerNameZh', cu.name_zh, 'customerNameEn', cu.name_en, 'customerLanguage', cu.preferred_language
      ) as card,
      coalesce((select json_agg(json_build_object(
          'id', n.id, 'region', n.region, 'msisdn', n.msisdn, 'realNameStatus', n.real_name_status,
          'releasedAt', n.released_at, 'document', n.real_name_document, 'last4', n.real_name_document_last4,
          'deadline', n.real_name_deadline, 'updatedAt', n.real_name_updated_at
        ) order by n.released_at is not null, n.region, n.id)
        from card_numbers n where n.card_id = c.id), '[]') as numbers,
      (select ${periodJson} from ${periodsFrom}
        where p.card_id = c.id and p.voided_at is null and p.starts_at <= ${now}::timestamptz and r.status <> 'paid'
        order by p.ends_at desc limit 1) as latest,
      coalesce((select json_agg(q.j order by q.starts_at) from (
          select ${periodJson} as j, p.starts_at from ${periodsFrom}
          where p.card_id = c.id and p.voided_at is null and p.starts_at > ${now}::timestamptz
          order by p.starts_at limit ${QUEUED_PERIODS_SHOWN}) q), '[]') as queued,
      coalesce((select json_agg(s.j order by s.id desc) from (
          select cs.id, json_build_object(
            'id', cs.id, 'reason', cs.reason, 'note', cs.note, 'ticketReference', cs.ticket_reference,
            'suspendedAt', cs.suspended_at, 'suspendedByName', sb.name, 'liftedAt', cs.lifted_at,
            'liftedByName', lb.name, 'liftNote', cs.lift_note, 'liftTicketReference', cs.lift_ticket_reference,
            'endedByReplacementId', cs.ended_by_replacement_id) as j
          from card_suspensions cs
          left join staff sb on sb.id = cs.suspended_by left join staff lb on lb.id = cs.lifted_by
          where cs.card_id = c.id order by cs.id desc limit ${SUSPENSIONS_SHOWN}) s), '[]') as suspensions,
      coalesce((select json_agg(s.j order by s.id desc) from (
          select cs.id, json_build_object(
            'id', cs.id, 'kind', cs.kind, 'oldCardId', cs.old_card_id, 'oldIccid', oc.iccid,
            'newCardId', cs.new_card_id, 'newIccid', nc.iccid, 'reason', cs.reason, 'form', cs.form,
            'handover', cs.handover, 'deliveryAddress', cs.delivery_address, 'feeMinor', cs.fee_minor,
            'feeCurrency', cs.fee_currency, 'paymentId', cs.payment_id, 'feeWaiveReason', cs.fee_waive_reason,
            'feeWaivedByName', wb.name, 'ticketReference', cs.ticket_reference, 'createdAt', cs.created_at,
            'createdByName', cb.name) as j
          from card_successions cs
          join cards oc on oc.id = cs.old_card_id join cards nc on nc.id = cs.new_card_id
          join staff cb on cb.id = cs.created_by left join staff wb on wb.id = cs.fee_waived_by
          where cs.old_card_id = c.id or cs.new_card_id = c.id order by cs.id desc limit 2) s), '[]') as successions,
      coalesce((select json_agg(k.j order by k.id desc) from (
          select cr.id, json_build_object(
            'id', cr.id, 'kind', cr.kind, 'status', cr.status, 'attempts', cr.attempts, 'lastError', cr.last_error,
            'createdAt', cr.created_at, 'completedAt', cr.completed_at) as j
          from carrier_requests cr
          where cr.card_id = c.id and cr.kind in ('suspend', 'resume', 'swap') order by cr.id desc limit 3) k), '[]') as carrier,
      coalesce((select json_agg(g.j order by g.created_at desc, g.id desc) from (
          select ge.id, ge.created_at, json_build_object(
            'id', ge.id, 'days', ge.days, 'reasonCode', ge.reason_code, 'reason', ge.reason,
            'previousValidityEnd', ge.previous_validity_end, 'newValidityEnd', ge.new_validity_end,
            'jobId', ge.job_id, 'grantedByName', gs.name, 'createdAt', ge.created_at) as j
          from goodwill_extensions ge join staff gs on gs.id = ge.granted_by
          where ge.card_id = c.id order by ge.created_at desc, ge.id desc limit ${GOODWILL_SHOWN}) g), '[]') as goodwill
    from cards c join customers cu on cu.id = c.customer_id
    where c.id = ${params.cardId} and c.customer_id = ${params.customerId}`);
  if (!row) return null;

  const nowDate = new Date(now);
  const numbers = row.numbers.map((n) =>
    withDates<CardNumber & RealNameRow>(n, ["releasedAt", "deadline", "updatedAt"]),
  );
  const card: CardDetail = {
    ...withDates<Omit<CardDetail, "numbers">>(row.card, [
      "validityEnd",
      "suspendedAt",
      "replacedAt",
      "activatedAt",
      "undeliveredFrom",
    ]),
    numbers: numbers.map(({ region, msisdn, realNameStatus, releasedAt }) => ({
      region,
      msisdn,
      realNameStatus,
      releasedAt,
    })),
  };
  type Period = NonNullable<Awaited<ReturnType<typeof getCardPeriods>>["last"]>;
  const last = row.latest ? withDates<Period>(row.latest, ["startsAt", "endsAt"]) : null;
  const suspensions = row.suspensions.map((s) =>
    withDates<CardLifecycle["suspensions"][number]>(s, ["suspendedAt", "liftedAt"]),
  );
  const successions = row.successions.map((s) => withDates<NonNullable<CardLifecycle["successor"]>>(s, ["createdAt"]));
  return {
    card,
    periods: {
      current: last && last.endsAt.getTime() > nowDate.getTime() ? last : null,
      last,
      queued: row.queued.map((p) => withDates<Period>(p, ["startsAt", "endsAt"])),
    },
    // The same numbers, live ones only (already in region order): what the real-name panel lists.
    realNames: numbers
      .filter((n) => n.releasedAt === null)
      .map(({ id, region, msisdn, realNameStatus, document, last4, deadline, updatedAt }) => ({
        id,
        region,
        msisdn,
        status: realNameStatus,
        document,
        last4,
        deadline,
        updatedAt,
      })) as RealNameRow[],
    lifecycle: {
      openSuspension: suspensions.find((s) => s.liftedAt === null) ?? null,
      suspensions,
      successor: successions.find((s) => s.oldCardId === params.cardId) ?? null,
      predecessor: successions.find((s) => s.newCardId === params.cardId) ?? null,
      carrier: row.carrier.map((k) => withDates<CardLifecycle["carrier"][number]>(k, ["createdAt", "completedAt"])),
    } satisfies CardLifecycle,
    goodwill: row.goodwill.map((g) =>
      withDates<Awaited<ReturnType<typeof listCardGoodwill>>[number]>(g, [
        "previousValidityEnd",
        "newValidityEnd",
        "createdAt",
      ]),
    ),
  };
}

export type CardPage = NonNullable<Awaited<ReturnType<typeof getCardPage>>>;
