import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { compareCountRollups, compareGrainRollups, compareRollup } from "@/db/queries/rollup-check";
import { isEmpty, seedDemoData } from "@/db/seed";
import { withFreshDatabase } from "../helpers/db";

const NOW = new Date("2026-11-25T02:00:00Z");

async function fingerprint(url: string) {
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql`
      select
        (select count(*) from customers)::int as customers,
        (select count(*) from cards)::int as cards,
        (select count(*) from card_numbers)::int as numbers,
        (select count(*) from renewals)::int as renewals,
        (select count(*) from payments)::int as payments,
        (select md5(string_agg(concat_ws('|', id, name_zh, name_en, email), ',' order by id)) from customers) as customers_md5,
        (select md5(string_agg(concat_ws('|', id, iccid, validity_end, stored_value_hkd_minor), ',' order by id)) from cards) as cards_md5,
        (select md5(string_agg(concat_ws('|', card_id, msisdn), ',' order by msisdn, card_id)) from card_numbers) as numbers_md5,
        (select md5(string_agg(concat_ws('|', id, card_id, plan_version_id, price_minor, currency, new_validity_end), ',' order by id)) from renewals) as renewals_md5,
        (select md5(string_agg(concat_ws('|', method, reference, amount_minor), ',' order by id)) from payments) as payments_md5,
        (select md5(string_agg(concat_ws('|', id, card_id, region, msisdn, real_name_status), ',' order by id)) from card_numbers) as number_ids_md5,
        (select md5(string_agg(concat_ws('|', id, card_id, delta_minor, balance_after_minor, renewal_id), ',' order by id)) from stored_value_ledger) as ledger_md5,
        (select md5(string_agg(concat_ws('|', id, renewal_id, to_msisdn, body), ',' order by id)) from notifications) as notifications_md5,
        (select md5(string_agg(concat_ws('|', id, sms_msisdn, created_at), ',' order by id)) from renewals) as renewal_sms_md5,
        (select md5(string_agg(concat_ws('|', day, plan_id, method, currency, channel, sold_by, card_state, renewals, revenue_minor), ',' order by day, plan_id, method, currency, channel, sold_by, card_state)) from renewal_daily_stats) as daily_md5,
        (select md5(string_agg(concat_ws('|', plan_version_id, day, delta), ',' order by plan_version_id, day)) from plan_version_period_deltas) as deltas_md5`;
    return row!;
  } finally {
    await sql.end();
  }
}

/** The plan versions' period deltas the seed sums from its slices equal what a rebuild from every period gives. */
async function expectPeriodDeltasFromRows(sql: postgres.Sql) {
  const deltas = sql`select md5(string_agg(concat_ws('|', plan_version_id, day, delta), ',' order by plan_version_id, day)) as md5 from plan_version_period_deltas`;
  const [seededDeltas] = await deltas;
  const rebuilt = await sql
    .begin(async (tx) => {
      await tx`select plan_version_period_deltas_rebuild()`;
      const [row] =
        await tx`select md5(string_agg(concat_ws('|', plan_version_id, day, delta), ',' order by plan_version_id, day)) as md5 from plan_version_period_deltas`;
      throw Object.assign(new Error("rollback"), { row });
    })
    .catch((error: { row?: { md5: string } }) => error.row);
  expect(rebuilt?.md5).toBeTruthy();
  expect(rebuilt?.md5).toBe(seededDeltas?.md5);
}

async function seeded(customers: number, workers = 1) {
  return withFreshDatabase(
    async (url) => {
      const sql = postgres(url, { max: workers });
      try {
        expect(await isEmpty(sql)).toBe(true);
        await seedDemoData(sql, { customers, now: NOW, workers });
        expect(await isEmpty(sql)).toBe(false);
        await expectPeriodDeltasFromRows(sql);
        const checks = await sql`
          select
            -- A replaced card's unended renewals moved to its successor with the validity.
            (select count(*) from cards c where c.replaced_at is null and c.validity_end <> (select max(new_validity_end) from renewals r where r.card_id = c.id and r.status <> 'voided'))::int as chain_breaks,
            (select count(*) from cards c where c.stored_value_hkd_minor <> coalesce((select balance_after_minor from stored_value_ledger l where l.card_id = c.id order by id desc limit 1), 0))::int as balance_breaks,
            (select count(distinct method) from payments)::int as methods,
            (select count(*) from cards c where not exists (select 1 from card_numbers n where n.card_id = c.id))::int as cards_without_number,
            (select count(*) from customers where name_zh ~ '^[^ ]{2}$')::int as two_char_names,
            (select count(*) from cards where replaced_at is not null)::int as replaced,
            (select count(*) from cards c where c.suspended_at is not null and not exists (select 1 from card_suspensions s where s.card_id = c.id and s.lifted_at is null))::int as suspensions_unrecorded,
            (select count(*) from cards where suspended_at is not null)::int as suspended,
            (select stored_value_hkd_minor from cards where id = 3 and validity_end < ${NOW} - interval '30 days')::int as expired_forfeited,
            -- The renewal edges: paid but refused by the carrier (its SMS held), and voided with a refund.
            (select count(*) from renewals r join carrier_requests q on q.renewal_id = r.id and q.kind = 'activate' and q.status = 'failed'
              join notifications n on n.renewal_id = r.id and n.status = 'pending'
              where r.status = 'paid' and r.card_id = 7)::int as stuck_activations,
            (select count(*) from renewals r join payments p on p.renewal_id = r.id join refunds f on f.payment_id = p.id
              where r.status = 'voided' and r.card_id = 5 and f.method = 'wechat_pay')::int as refunded,
            (select count(*) from payments p left join renewals r on r.id = p.renewal_id where p.purpose = 'renewal' and r.id is null)::int as payments_without_renewal`;
        expect(checks[0]).toMatchObject({ chain_breaks: 0, balance_breaks: 0, methods: 6, cards_without_number: 0 });
        expect(checks[0]?.two_char_names).toBeGreaterThan(0);
        // Every lifecycle state a new user should see: suspended (with who and why), replaced, expired with a balance.
        expect(checks[0]).toMatchObject({ replaced: 1, suspensions_unrecorded: 0, expired_forfeited: 8800 });
        expect(checks[0]).toMatchObject({ stuck_activations: 1, refunded: 1, payments_without_renewal: 0 });
        expect(checks[0]?.suspended).toBeGreaterThan(0);
        // The bulk load runs with triggers off: every rollup is rebuilt to equal the raw rows.
        const client = createDb(url, { max: 1 });
        try {
          const all = { from: "2000-01-01", to: "2100-12-31" };
          expect(await compareRollup(all, client.db)).toEqual([]);
          expect(await compareGrainRollups(all, client.db)).toEqual([]);
          expect(await compareCountRollups(all, client.db)).toEqual([]);
          const [rows] = await sql`select (select count(*) from card_validity_ends)::int as ends,
            (select count(*) from renewal_month_plan)::int as months, (select count(*) from goodwill_day)::int as goodwill`;
          expect(rows!.ends).toBeGreaterThan(0);
          expect(rows!.months).toBeGreaterThan(0);
          expect(rows!.goodwill).toBeGreaterThan(0);
        } finally {
          await client.close();
        }
      } finally {
        await sql.end();
      }
      return fingerprint(url);
    },
    { migrate: true },
  );
}

describe("demo seed", () => {
  it("is deterministic: the same size and now give the same rows, on one connection or slices side by side", async () => {
    const first = await seeded(300);
    const second = await seeded(300);
    expect(second).toEqual(first);
    // Three slices in parallel transactions share out ids as one connection gives them.
    expect(await seeded(300, 3)).toEqual(first);
    expect(first.customers).toBe(300);
    expect(first.cards).toBeGreaterThan(330);
    expect(first.renewals).toBeGreaterThan(900);
  });

  it("lays out every card state around its now", async () => {
    await withFreshDatabase(
      async (url) => {
        const sql = postgres(url, { max: 1 });
        try {
          await seedDemoData(sql, { customers: 400, now: NOW });
          const states = await sql`
            select case when suspended_at is not null then 'suspended'
                        when validity_end > ${NOW}::timestamptz + interval '7 days' then 'active'
                        when validity_end > ${NOW}::timestamptz then 'expiring'
                        when validity_end > ${NOW}::timestamptz - interval '30 days' then 'grace'
                        else 'expired' end as state, count(*)::int as n
            from cards group by 1`;
          expect(states.map((s) => s.state).sort()).toEqual(["active", "expired", "expiring", "grace", "suspended"]);
          const [plans] = await sql`select count(*) filter (where status = 'archived')::int as archived,
            (select count(*) from plans p where (select count(*) from plan_versions v where v.plan_id = p.id) > 1)::int as multi from plans`;
          expect(plans).toEqual({ archived: 1, multi: 1 });
        } finally {
          await sql.end();
        }
      },
      { migrate: true },
    );
  });
});
