import { sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import type { ContactOutcome, notificationKinds, notificationStatuses, SuspensionReason } from "@/lib/domain/enums";
import { worklistWindows, windowBounds, type WorklistSort, type WorklistWindow } from "@/lib/domain/reports/worklist";

export const WORKLIST_PAGE_SIZE = 50;
/** Window counts stop here and show "1,000+": an exact count of a month of expiries is not worth a scan. */
export const WORKLIST_COUNT_CAP = 1000;

export interface WorklistRow {
  cardId: number;
  customerId: number;
  nameZh: string | null;
  nameEn: string | null;
  hkMsisdn: string | null;
  cnMsisdn: string | null;
  planNameEn: string | null;
  planNameZh: string | null;
  planNameZhHant: string | null;
  validityEnd: Date;
  /** The validity end exactly as stored (microseconds included), for the next page's cursor. */
  validityEndKey: string;
  /** The end before a renewal the carrier has not activated yet (null when none): "paid — not active yet". */
  undeliveredFrom: Date | null;
  lastContactAt: Date | null;
  lastContactKind: (typeof notificationKinds)[number] | null;
  lastContactStatus: (typeof notificationStatuses)[number] | null;
  /** The desk's latest logged contact with this card (a call outcome), if any. */
  deskContactAt: Date | null;
  deskOutcome: ContactOutcome | null;
  deskStaffName: string | null;
  /** Set when that contact asked for a call back; the row is hidden until then. */
  callBackAt: Date | null;
}

/**
 * One page of renewable (not suspended) cards whose validity end falls in the
 * window, ordered by (validity end, card id) and continued after a cursor
 * with that key, so each page is an index range scan however deep. Numbers,
 * current plan (of the latest live renewal) and last contact (latest
 * notification) are looked up for the page's rows only.
 */
export async function listExpiryWorklist(
  params: {
    window: WorklistWindow;
    sort: WorklistSort;
    after: { validityEnd: string; cardId: number } | null;
    now: Date;
    graceDays: number;
  },
  db: DbOrTx = defaultDb,
): Promise<{ rows: WorklistRow[]; hasMore: boolean }> {
  const { from, to } = windowBounds(params.window, params.now, params.graceDays);
  const descending = params.sort === "-end";
  const after = params.after
    ? descending
      ? sql`and (c.validity_end, c.id) < (${params.after.validityEnd}::timestamptz, ${params.after.cardId})`
      : sql`and (c.validity_end, c.id) > (${params.after.validityEnd}::timestamptz, ${params.after.cardId})`
    : sql``;
  const order = descending ? sql`c.validity_end desc, c.id desc` : sql`c.validity_end, c.id`;
  const result = await db.execute<{
    card_id: number;
    customer_id: number;
    name_zh: string | null;
    name_en: string | null;
    hk_msisdn: string | null;
    cn_msisdn: string | null;
    plan_name_en: string | null;
    plan_name_zh: string | null;
    plan_name_zh_hant: string | null;
    validity_end: string;
    undelivered_from: string | null;
    last_contact_at: string | null;
    last_contact_kind: WorklistRow["lastContactKind"];
    last_contact_status: WorklistRow["lastContactStatus"];
    desk_at: string | null;
    desk_outcome: ContactOutcome | null;
    desk_staff: string | null;
    call_back_at: string | null;
  }>(sql`
    select c.id as card_id, c.customer_id, cu.name_zh, cu.name_en,
      hk.msisdn as hk_msisdn, cn.msisdn as cn_msisdn,
      pl.name_en as plan_name_en, pl.name_zh as plan_name_zh, pl.name_zh_hant as plan_name_zh_hant,
      c.validity_end::text as validity_end,
      (select min(r.previous_validity_end)::text from renewals r where r.card_id = c.id and r.status = 'paid') as undelivered_from,
      contact.created_at::text as last_contact_at, contact.kind as last_contact_kind, contact.status as last_contact_status,
      desk.created_at::text as desk_at, desk.outcome as desk_outcome, desk.staff_name as desk_staff, desk.call_back_at::text as call_back_at
    from cards c
    join customers cu on cu.id = c.customer_id
    left join card_numbers hk on hk.card_id = c.id and hk.region = 'HK' and hk.released_at is null
    left join card_numbers cn on cn.card_id = c.id and cn.region = 'CN' and cn.released_at is null
    left join lateral (
      select pv.plan_id from renewals r join plan_versions pv on pv.id = r.plan_version_id
      where r.card_id = c.id and r.status <> 'voided'
      order by r.created_at desc, r.id desc limit 1
    ) current_plan on true
    left join plans pl on pl.id = current_plan.plan_id
    left join lateral (
      select n.created_at, n.kind, n.status from notifications n where n.card_id = c.id order by n.id desc limit 1
    ) contact on true
    left join lateral (
      select k.created_at, k.outcome, k.call_back_at, (select s.name from staff s where s.id = k.staff_id) as staff_name
      from contacts k where k.card_id = c.id order by k.id desc limit 1
    ) desk on true
    where c.suspended_at is null and c.replaced_at is null
      -- "Call back at …" moves the row to that time: it is out of the list until then.
      and (desk.call_back_at is null or desk.call_back_at <= ${params.now.toISOString()}::timestamptz)
      and c.validity_end >= ${from.toISOString()}::timestamptz and c.validity_end <= ${to.toISOString()}::timestamptz
      ${after}
    order by ${order}
    limit ${WORKLIST_PAGE_SIZE + 1}`);
  const rows = [...result].map((r) => ({
    cardId: r.card_id,
    customerId: r.customer_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    hkMsisdn: r.hk_msisdn,
    cnMsisdn: r.cn_msisdn,
    planNameEn: r.plan_name_en,
    planNameZh: r.plan_name_zh,
    planNameZhHant: r.plan_name_zh_hant,
    validityEnd: new Date(r.validity_end),
    validityEndKey: r.validity_end,
    undeliveredFrom: r.undelivered_from ? new Date(r.undelivered_from) : null,
    lastContactAt: r.last_contact_at ? new Date(r.last_contact_at) : null,
    lastContactKind: r.last_contact_kind,
    lastContactStatus: r.last_contact_status,
    deskContactAt: r.desk_at ? new Date(r.desk_at) : null,
    deskOutcome: r.desk_outcome,
    deskStaffName: r.desk_staff,
    callBackAt: r.call_back_at ? new Date(r.call_back_at) : null,
  }));
  return { rows: rows.slice(0, WORKLIST_PAGE_SIZE), hasMore: rows.length > WORKLIST_PAGE_SIZE };
}

/** At most this many suspended cards are listed beside a window's worklist (with the total, capped like the windows). */
export const SUSPENDED_IN_WINDOW_LIMIT = 20;

export interface SuspendedInWindowRow {
  cardId: number;
  customerId: number;
  nameZh: string | null;
  nameEn: string | null;
  hkMsisdn: string | null;
  validityEnd: Date;
  suspensionReason: SuspensionReason;
  suspendedAt: Date;
  suspendedByName: string | null;
}

/**
 * The suspended cards whose validity also ends in the window: they cannot be
 * renewed (so they are not in the calling list), but the desk should see them,
 * why they are suspended, by whom and since when. Earliest end first; the
 * count stops at the windows' cap.
 */
export async function listSuspendedInWindow(
  params: { window: WorklistWindow; now: Date; graceDays: number },
  db: DbOrTx = defaultDb,
): Promise<{ rows: SuspendedInWindowRow[]; count: number; capped: boolean }> {
  const { from, to } = windowBounds(params.window, params.now, params.graceDays);
  const inWindow = sql`c.suspended_at is not null and c.replaced_at is null
    and c.validity_end >= ${from.toISOString()}::timestamptz and c.validity_end <= ${to.toISOString()}::timestamptz`;
  const [rows, counted] = await Promise.all([
    db.execute<{
      card_id: number;
      customer_id: number;
      name_zh: string | null;
      name_en: string | null;
      hk_msisdn: string | null;
      validity_end: string;
      suspension_reason: SuspensionReason;
      suspended_at: string;
      suspended_by: string | null;
    }>(sql`
      select c.id as card_id, c.customer_id, cu.name_zh, cu.name_en, hk.msisdn as hk_msisdn,
        c.validity_end::text as validity_end, c.suspension_reason, c.suspended_at::text as suspended_at,
        (select s.name from staff s where s.id = c.suspended_by) as suspended_by
      from cards c
      join customers cu on cu.id = c.customer_id
      left join card_numbers hk on hk.card_id = c.id and hk.region = 'HK' and hk.released_at is null
      where ${inWindow}
      order by c.validity_end, c.id
      limit ${SUSPENDED_IN_WINDOW_LIMIT}`),
    db.execute<{ n: number }>(sql`
      select count(*)::int as n from (select 1 from cards c where ${inWindow} limit ${WORKLIST_COUNT_CAP + 1}) capped`),
  ]);
  const count = Number([...counted][0]?.n ?? 0);
  return {
    rows: [...rows].map((r) => ({
      cardId: r.card_id,
      customerId: r.customer_id,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      hkMsisdn: r.hk_msisdn,
      validityEnd: new Date(r.validity_end),
      suspensionReason: r.suspension_reason,
      suspendedAt: new Date(r.suspended_at),
      suspendedByName: r.suspended_by,
    })),
    count: Math.min(count, WORKLIST_COUNT_CAP),
    capped: count > WORKLIST_COUNT_CAP,
  };
}

/** How many cards each window holds, counted no further than the cap (each count reads at most cap + 1 index entries). */
export async function countWorklistWindows(params: { now: Date; graceDays: number }, db: DbOrTx = defaultDb) {
  const counts = worklistWindows.map((window) => {
    const { from, to } = windowBounds(window, params.now, params.graceDays);
    return sql`(select count(*)::int from (
      select 1 from cards c where c.suspended_at is null and c.replaced_at is null
        and c.validity_end >= ${from.toISOString()}::timestamptz and c.validity_end <= ${to.toISOString()}::timestamptz
      limit ${WORKLIST_COUNT_CAP + 1}) w)`;
  });
  const [row] = await db.execute<Record<string, number>>(
    sql`select ${sql.join(
      counts.map((count, i) => sql`${count} as ${sql.identifier(`w${i}`)}`),
      sql`, `,
    )}`,
  );
  return Object.fromEntries(
    worklistWindows.map((window, i) => {
      const count = Number(row?.[`w${i}`] ?? 0);
      return [window, { count: Math.min(count, WORKLIST_COUNT_CAP), capped: count > WORKLIST_COUNT_CAP }];
    }),
  ) as Record<WorklistWindow, { count: number; capped: boolean }>;
}
