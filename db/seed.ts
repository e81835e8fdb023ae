import { availableParallelism } from "node:os";
import type postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import { luhnCheckDigit } from "@/lib/domain/identifiers";
import { renewalEdgesDemoSql } from "./seed-edges";
import { SliceShares, slicesOf, wholeSlice, type Slice } from "./seed-slices";

export const DEMO_PASSWORD = "renewal-desk-demo";

export const demoStaff = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
  { email: "supervisor@example.com", name: "Sam Supervisor", role: "supervisor" },
  { email: "agent@example.com", name: "Amy Agent", role: "agent" },
  // More of the team, so "by agent" reports have shape.
  { email: "wong.kayan@example.com", name: "黄嘉欣 Wong Ka Yan", role: "agent" },
  { email: "chan.chiming@example.com", name: "陈志明 Chan Chi Ming", role: "agent" },
  { email: "li.na@example.com", name: "李娜 Li Na", role: "agent" },
  { email: "lam.kingsley@example.com", name: "Kingsley Lam", role: "agent" },
  { email: "cheung.mandy@example.com", name: "张美玲 Mandy Cheung", role: "supervisor" },
] as const;

/**
 * Plan catalog: code, names, status, and versions as
 * [days, CN MB, HK MB, HKD minor, CNY minor, mode, effective days before the seed's now].
 */
const catalog = [
  {
    code: "MONTHLY-8GB",
    nameEn: "Monthly 8GB China + HK",
    nameZh: "中港通月卡 8GB",
    nameZhHant: "中港通月卡 8GB",
    status: "active",
    sort: 10,
    versions: [
      [30, 8192, 4096, 8800, 7800, "stack", 560],
      [30, 8192, 4096, 9800, 8800, "stack", 120],
    ],
  },
  {
    code: "QUARTER-30GB",
    nameEn: "Quarterly 30GB China + HK",
    nameZh: "中港通季卡 30GB",
    nameZhHant: "中港通季卡 30GB",
    status: "active",
    sort: 20,
    versions: [[90, 30720, 10240, 26800, 23800, "stack", 560]],
  },
  {
    code: "HALF-60GB",
    nameEn: "Half-year 60GB China + HK",
    nameZh: "中港通半年卡 60GB",
    nameZhHant: "中港通半年卡 60GB",
    status: "active",
    sort: 30,
    versions: [[180, 61440, 20480, 48800, 43800, "stack", 560]],
  },
  {
    code: "ANNUAL-120GB",
    nameEn: "Annual 120GB China + HK",
    nameZh: "中港通年卡 120GB",
    nameZhHant: "中港通年卡 120GB",
    status: "active",
    sort: 40,
    versions: [[365, 122880, 40960, 88800, 79800, "stack", 560]],
  },
  {
    code: "ANNUAL-MAX-200GB",
    nameEn: "Annual Max 200GB (counts from today)",
    nameZh: "中港通年卡尊享 200GB（由今日起计）",
    nameZhHant: "中港通年卡尊享 200GB（由今日起計）",
    status: "active",
    sort: 50,
    versions: [[365, 204800, 51200, 118800, 106800, "max_from_today", 560]],
  },
  {
    code: "MONTHLY-LITE-3GB",
    nameEn: "Monthly Lite 3GB (retired)",
    nameZh: "中港通轻享月卡 3GB（已停售）",
    nameZhHant: "中港通輕享月卡 3GB（已停售）",
    status: "archived",
    sort: 90,
    versions: [[30, 3072, 1024, 4800, 4300, "stack", 560]],
  },
  {
    code: "TRAVEL-7D-5GB",
    nameEn: "7-day Travel 5GB",
    nameZh: "七日旅行卡 5GB",
    nameZhHant: "七日旅行卡 5GB",
    status: "draft",
    sort: 60,
    versions: [[7, 5120, 2048, 3800, 3400, "stack", 0]],
  },
] as const;

export interface SeedOptions {
  customers: number;
  /** Months of renewal history; defaults to 18 for the demo and 36 from 10,000 customers up. */
  months?: number;
  /** The seed's "now": data is laid out around it so every card state exists today. */
  now?: Date;
  log?: (message: string) => void;
  /**
   * Connections loading slices of customers side by side (at most the pool's
   * size); see seedWorkers(). With one, the whole seed is one transaction.
   */
  workers?: number;
}

/**
 * How many connections a seed of `customers` loads on: one below 50,000 (the
 * demo's seed stays a single transaction that fails as a whole), else one a
 * core, at most 4. Give the seed's pool at least this many connections.
 */
export function seedWorkers(customers: number): number {
  return customers < 50_000 ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

/** Showcase customers with fixed identifiers, so demos and tests can quote them. */
const showcase = {
  customers: `(values
    (1, '王伟', 'Wong Wai', 'wong.wai@example.com', 'zh-Hant'::language, 'hkid'::id_document_type, '567A', 'Prefers WhatsApp; elderly parent renews through daughter.'),
    (2, '陈嘉欣', 'Chan Ka Yan', 'kayan.chan@example.com', 'zh-Hant'::language, 'hkid'::id_document_type, '3B21', null),
    (3, '李志明', 'Lee Chi Ming', 'cm.lee@example.com', 'zh-Hans'::language, 'mainland_id'::id_document_type, '201X', null),
    (4, '张美玲', 'Cheung Mei Ling', 'meiling@example.com', 'zh-Hans'::language, 'mainland_id'::id_document_type, '0427', 'Reported card lost on the MTR.'),
    (5, null, 'Émilie Dubois', 'emilie.dubois@example.com', 'en'::language, 'passport'::id_document_type, '8841', null),
    (6, '深圳星河贸易有限公司', 'Star River Trading Ltd', 'it@starriver.example.com', 'zh-Hans'::language, null, null, 'Business account: 3 cards for sales staff.')
  ) as o(id, name_zh, name_en, email, lang, doc_type, doc_last4, notes)`,
  // card id, customer, cards for customer, state class, validity offset days, cadence, HK national, CN national, stored value HKD minor
  cards: `(values
    (1, 1, 1, 'active', 12, 'monthly', '91234567', '13812345678', 15000),
    (2, 2, 1, 'grace', -5, 'quarterly', '93456789', '13923456789', 50000),
    (3, 3, 1, 'expired', -75, 'monthly', '94567890', null, 8800),
    (4, 4, 1, 'suspended', 40, 'half', '95678901', '13734567890', 2000),
    (5, 5, 1, 'active', 200, 'annual', '96789012', null, 0),
    (6, 6, 3, 'active', 3, 'quarterly', '97890123', '13645678901', 0),
    (7, 6, 3, 'active', 160, 'half', '98901234', '13556789012', 30000),
    (8, 6, 3, 'grace', -20, 'monthly', '99012345', null, 0)
  ) as o(card_id, customer_id, card_count, state_class, offset_days, cadence, hk, cn, stored_value)`,
};

/**
 * Loads deterministic demo data with set-based SQL (INSERT … SELECT over
 * generate_series), so the same code loads 2,000 customers for a demo or a
 * million customers and ten million renewals for a benchmark. Pseudo-random
 * choices hash the row id with a salt: same size and now, same data.
 */
export async function seedDemoData(sql: postgres.Sql, options: SeedOptions): Promise<void> {
  const n = Math.max(8, Math.floor(options.customers));
  const months = options.months ?? (n >= 10_000 ? 36 : 18);
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const historyDays = Math.round(months * 30.44);
  // Multi-statement SQL cannot take bind parameters; this literal comes from a Date we own.
  const nowSql = `'${now.toISOString()}'::timestamptz`;
  const started = Date.now();
  const step: Step = async (label, run) => {
    const t0 = Date.now();
    await run();
    log(`  ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const workers = Math.max(1, Math.min(options.workers ?? seedWorkers(n), sql.options.max, Math.floor(n / 8)));

  /** Each loading connection's settings and helper functions (pg_temp: its own session). */
  const prepare = async (tx: Tx) => {
    // Bulk load: skip per-row foreign-key triggers when we are allowed to
    // (superuser); every id below is generated consistently, and the
    // constraints are still declared for all later writes.
    // (Asked first: postgres.js fails the whole transaction on a refused SET, savepoint or not.)
    const [role] = await tx<{ allowed: boolean }[]>`
      select rolsuper as allowed from pg_roles where rolname = current_user`;
    if (role?.allowed) await tx`set local session_replication_role = replica`;
    await tx`set local work_mem = '256MB'`;
    // JIT-compiling these large generated statements costs minutes on servers built with LLVM (Debian's PostgreSQL 15).
    await tx`set local jit = off`;
    // Indexes are rebuilt after the load, so no step may rely on one: joins here are hash joins.
    await tx`set local enable_nestloop = off`;
    await tx`set local maintenance_work_mem = '512MB'`;
    await tx.unsafe(`
      create or replace function pg_temp.rnd(id bigint, salt int) returns double precision
      language sql immutable as $$ select (hashint8(id * 1000003 + salt) & 2147483647)::double precision / 2147483648 $$;
      create or replace function pg_temp.pick(arr text[], id bigint, salt int) returns text
      language sql immutable as $$ select arr[1 + floor(pg_temp.rnd(id, salt) * array_length(arr, 1))::int] $$;
      create or replace function pg_temp.hk_end(day date) returns timestamptz
      language sql immutable as $$ select ((day + 1)::timestamp at time zone 'Asia/Hong_Kong') - interval '1 second' $$;
      -- A loop, not a SQL function over generate_series: that one cannot be inlined and cost
      -- ~0.2 ms a card (minutes of a 1M seed); the check digits are the same (compared on 200k payloads).
      create or replace function pg_temp.luhn(payload text) returns text
      language plpgsql immutable strict as $$
        declare
          total int := 0;
          digit int;
          n int := length(payload);
        begin
          for i in 1..n loop
            digit := ascii(substr(payload, n - i + 1, 1)) - 48;
            if i % 2 = 1 then
              digit := digit * 2;
              if digit > 9 then digit := digit - 9; end if;
            end if;
            total := total + digit;
          end loop;
          return payload || ((10 - total % 10) % 10)::text;
        end
      $$;
    `);
  };

  const dropBulkIndexes = async (tx: Tx) => {
    // Building an index once after the load is many times faster than
    // maintaining it row by row; unique ones are re-checked when rebuilt.
    const bulkTables = [
      "customers",
      "cards",
      "card_numbers",
      "renewals",
      "periods",
      "payments",
      "stored_value_ledger",
      "notifications",
    ];
    const indexes = await tx<{ name: string; table: string; definition: string }[]>`
      select i.indexrelid::regclass::text as name, t.relname::text as table, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace ns on ns.oid = t.relnamespace
      where ns.nspname = current_schema() and t.relname in ${tx(bulkTables)}
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
    for (const index of indexes) await tx.unsafe(`drop index ${index.name}`);
    return indexes;
  };

  const setUp = async (tx: Tx) => {
    // Each slice adds its share of the daily rollup and the plan versions' period deltas here; finish() sums them.
    await tx.unsafe(`
      create unlogged table seed_daily_partials as
      select day, plan_id, method, currency, channel, sold_by, card_state, renewals, revenue_minor from renewal_daily_stats with no data;
      create unlogged table seed_delta_partials as
      select plan_version_id, day, delta from plan_version_period_deltas with no data;
    `);
    await step("staff", async () => {
      for (const member of demoStaff) {
        await tx`insert into staff (email, name, password_hash, role) values (${member.email}, ${member.name}, ${passwordHash}, ${member.role})`;
      }
    });

    await step("plan catalog", async () => {
      for (const plan of catalog) {
        const [row] = await tx`insert into plans (code, name_en, name_zh, name_zh_hant, status, sort_order) values
          (${plan.code}, ${plan.nameEn}, ${plan.nameZh}, ${plan.nameZhHant}, 'draft', ${plan.sort}) returning id`;
        let versionId = 0;
        for (const [index, [days, cn, hk, hkd, cny, mode, daysAgo]] of plan.versions.entries()) {
          const effective = new Date(now.getTime() - daysAgo * 86_400_000);
          const [version] = await tx`insert into plan_versions
            (plan_id, version, validity_days, data_cn_mb, data_hk_mb, price_hkd_minor, price_cny_minor, extension_mode, effective_from, created_at)
            values (${row!.id}, ${index + 1}, ${days}, ${cn}, ${hk}, ${hkd}, ${cny}, ${mode}, ${effective}, ${effective}) returning id`;
          versionId = version!.id;
        }
        await tx`update plans set current_version_id = ${versionId}, status = ${plan.status}, lock_version = ${plan.versions.length} where id = ${row!.id}`;
      }
    });
  };

  /** Customers, their cards, numbers, renewal history, stored value and messages: one slice of customer ids. */
  const loadSlice = async (tx: Tx, slice: Slice, step: Step) => {
    await step(`${(slice.customers.to - slice.customers.from + 1).toLocaleString("en")} customers`, () =>
      tx.unsafe(
        `
      insert into customers (id, name_zh, name_en, email, contact_phone, preferred_language, id_document_type, id_document_last4, notes, created_at)
      overriding system value
      select i,
        case when o.id is not null then o.name_zh when kind in ('both', 'zh') then sur_zh || given_zh when kind = 'company' then co_zh end,
        case when o.id is not null then o.name_en
             when kind in ('both', 'en') then sur_en || ' ' || given_en
             when kind = 'company' then co_en
             when kind = 'western' then west_first || ' ' || west_last end,
        coalesce(o.email, case when pg_temp.rnd(i, 7) < 0.7 then
          lower(regexp_replace(coalesce(case when kind = 'western' then west_first || '.' || west_last end, sur_en || '.' || replace(given_en, ' ', '')), '[^A-Za-z.]', '', 'g'))
          || i || '@' || pg_temp.pick(array['gmail.com','qq.com','163.com','outlook.com','yahoo.com.hk','example.com'], i, 8) end),
        null,
        coalesce(o.lang, case when kind = 'western' then 'en' else (array['zh-Hant','zh-Hans','zh-Hans','en'])[1 + floor(pg_temp.rnd(i, 9) * 4)::int] end::language),
        case when o.id is not null then o.doc_type when kind = 'company' then null
             else (array['hkid','mainland_id','passport'])[1 + floor(pg_temp.rnd(i, 10) * 3)::int]::id_document_type end,
        case when o.id is not null then o.doc_last4 when kind = 'company' then null
             else lpad((floor(pg_temp.rnd(i, 11) * 10000))::int::text, 4, '0') end,
        o.notes,
        ${nowSql} - make_interval(days => ${historyDays} + 30 - floor(pg_temp.rnd(i, 12) * 30)::int)
      from generate_series(${slice.customers.from}, ${slice.customers.to}) i
      left join ${showcase.customers} on o.id = i
      cross join lateral (select
        case when pg_temp.rnd(i, 1) < 0.03 then 'company' when pg_temp.rnd(i, 1) < 0.70 then 'both'
             when pg_temp.rnd(i, 1) < 0.90 then 'zh' when pg_temp.rnd(i, 1) < 0.96 then 'western' else 'en' end as kind,
        floor(pg_temp.rnd(i, 2) * 22)::int + 1 as s,
        floor(pg_temp.rnd(i, 3) * 30)::int + 1 as g
      ) k
      cross join lateral (select
        (array['陈','李','张','黄','王','林','刘','吴','梁','何','郭','杨','周','罗','郑','谢','邓','冯','曾','蔡','欧阳','司徒'])[s] as sur_zh,
        (array['Chan','Lee','Cheung','Wong','Wong','Lam','Lau','Ng','Leung','Ho','Kwok','Yeung','Chow','Law','Cheng','Tse','Tang','Fung','Tsang','Choi','Au Yeung','Szeto'])[s] as sur_en,
        case when pg_temp.rnd(i, 4) < 0.4
          then (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','华','文','峰','辉','婷','欣','宇','浩','晴','琳','斌','鹏','颖'])[g]
          else (array['嘉欣','志明','家豪','丽华','俊杰','子轩','雅婷','美玲','国华','建国','晓东','诗雅','浩然','思远','振邦','慧敏','永康','淑仪','伟明','秀英','宇航','梓琳','家乐','思彤','卓文','嘉怡','建华','海燕','立信','玉珍'])[g]
        end as given_zh,
        case when pg_temp.rnd(i, 4) < 0.4
          then (array['Wai','Fong','Na','Man','Ching','Lai','Keung','Lui','Kwan','Yeung','Yung','Yim','Kit','Kuen','Tao','Ming','Chiu','Wah','Man','Fung','Fai','Ting','Yan','Yu','Ho','Ching','Lam','Pan','Pang','Wing'])[g]
          else (array['Ka Yan','Chi Ming','Ka Ho','Lai Wah','Chun Kit','Tsz Hin','Nga Ting','Mei Ling','Kwok Wah','Kin Kwok','Hiu Tung','Sze Nga','Ho Yin','Sin Yee','Chun Bong','Wai Man','Wing Hong','Suk Yee','Wai Ming','Sau Ying','Yu Hong','Tsz Lam','Ka Lok','Sze Tung','Cheuk Man','Ka Yee','Kin Wah','Hoi Yin','Lap Shun','Yuk Chun'])[g]
        end as given_en,
        pg_temp.pick(array['Émilie','José','Zoë','Björn','Chloé','André','Noël','Mateus','Sarah','James','Priya','Hiroshi'], i, 5) as west_first,
        pg_temp.pick(array['Dubois','García','Müller','Søren','Lefèvre','Smith','Patel','Tanaka','O''Brien','Nguyen','Kowalski','Rossi'], i, 6) as west_last,
        pg_temp.pick(array['深圳星河贸易有限公司','香港东方物流有限公司','广州南海科技有限公司','澳港通商务有限公司'], i, 13) as co_zh,
        pg_temp.pick(array['Star River Trading Ltd','Eastern Logistics (HK) Ltd','Nanhai Technology Co Ltd','Macau-HK Business Ltd'], i, 13) as co_en
      ) names
    `,
      ),
    );

    await step("cards", () =>
      tx.unsafe(
        `
      -- Card ids are numbered over all customers in id order: a slice's continue
      -- from the cards of the customers before it (the same count, recomputed).
      create temp table seed_cards on commit drop as
      select (select coalesce(sum(coalesce(oc.card_count, case when pg_temp.rnd(i, 20) < 0.2 then 2 else 1 end)), 0)
                from generate_series(1, ${slice.customers.from} - 1) i
                left join (select distinct customer_id, card_count from ${showcase.cards}) oc on oc.customer_id = i)::int
          + row_number() over (order by c.id, k)::int as card_id,
        c.id as customer_id, c.created_at
      from customers c
      left join (select distinct customer_id, card_count from ${showcase.cards}) oc on oc.customer_id = c.id
      cross join lateral generate_series(1, coalesce(oc.card_count, case when pg_temp.rnd(c.id, 20) < 0.2 then 2 else 1 end)) k
      where c.id between ${slice.customers.from} and ${slice.customers.to};

      create temp table seed_card_plan on commit drop as
      select s.card_id, s.customer_id, s.created_at as customer_since,
        coalesce(o.cadence, case when r1 < 0.12 then 'monthly' when r1 < 0.45 then 'quarterly' when r1 < 0.75 then 'half' else 'annual' end) as cadence,
        coalesce(o.state_class, case when r2 < 0.06 then 'expiring' when r2 < 0.14 then 'grace' when r2 < 0.24 then 'expired'
             when r2 < 0.28 then 'suspended' else 'active' end) as state_class,
        o.offset_days, o.hk, o.cn, o.stored_value
      from seed_cards s
      left join ${showcase.cards} on o.card_id = s.card_id
      cross join lateral (select pg_temp.rnd(s.card_id, 21) as r1, pg_temp.rnd(s.card_id, 22) as r2) r;

      create temp table seed_card_dates on commit drop as
      select p.*, d.days,
        pg_temp.hk_end((${nowSql} at time zone 'Asia/Hong_Kong')::date + coalesce(p.offset_days, case p.state_class
          when 'expiring' then floor(pg_temp.rnd(p.card_id, 23) * 7)::int
          when 'grace' then -1 - floor(pg_temp.rnd(p.card_id, 23) * 28)::int
          when 'expired' then -31 - floor(pg_temp.rnd(p.card_id, 23) * 400)::int
          else 8 + floor(pg_temp.rnd(p.card_id, 23) * d.days * 1.2)::int end)) as validity_end,
        -- the card's first purchase: somewhere in the first 40% of the history window
        ${nowSql} - make_interval(days => ${historyDays} - floor(pg_temp.rnd(p.card_id, 24) * ${historyDays} * 0.4)::int) as card_start
      from seed_card_plan p
      cross join lateral (select case p.cadence when 'monthly' then 30 when 'quarterly' then 90 when 'half' then 180 else 365 end as days) d;

      insert into cards (id, customer_id, iccid, form, validity_end, suspended_at, suspension_reason, stored_value_hkd_minor, activated_at, created_at, updated_at)
      overriding system value
      select card_id, customer_id,
        pg_temp.luhn(case when hk is not null then '8985201' else '8985203' end || lpad(((card_id::bigint * 982451653) % 100000000000)::text, 11, '0')),
        case when pg_temp.rnd(card_id, 25) < 0.15 then 'esim' else 'physical' end::card_form,
        validity_end,
        case when state_class = 'suspended' then ${nowSql} - make_interval(days => 1 + floor(pg_temp.rnd(card_id, 26) * 20)::int) end,
        case when state_class = 'suspended' then (case when card_id = 4 then 'lost' else pg_temp.pick(array['lost','fraud','real_name_missing','carrier'], card_id, 27) end)::suspension_reason end,
        coalesce(stored_value, case when pg_temp.rnd(card_id, 28) < 0.6 then floor(pg_temp.rnd(card_id, 29) * 50)::int * 1000 else 0 end),
        card_start, card_start, card_start
      from seed_card_dates;
    `,
      ),
    );
    const [range] = await tx<
      { from: number; to: number }[]
    >`select min(card_id) as from, max(card_id) as to from seed_cards`;
    slice.cards = { from: range!.from, to: range!.to };

    await step("numbers", async () => {
      await tx.unsafe(`
      create temp table seed_numbers on commit drop as
      select card_id, 'HK'::number_region as region, '+852' || coalesce(hk, (case when pg_temp.rnd(card_id, 30) < 0.5 then '5' else '6' end) || lpad(((card_id::bigint * 5021 + 1234567) % 10000000)::text, 7, '0')) as msisdn,
        (case when c.suspension_reason = 'real_name_missing' then 'failed' when pg_temp.rnd(card_id, 31) < 0.9 then 'verified' else 'pending' end)::real_name_status as real_name_status,
        d.card_start
      from seed_card_dates d join cards c on c.id = d.card_id
      where d.hk is not null or (d.cn is null and pg_temp.rnd(d.card_id, 32) < 0.95) or d.card_id > 8 and pg_temp.rnd(d.card_id, 33) >= 0.6
      union all
      select card_id, 'CN'::number_region, '+86' || coalesce(cn, pg_temp.pick(array['15','17','18','19'], card_id, 34) || lpad(((card_id::bigint * 7001 + 31337) % 1000000000)::text, 9, '0')),
        (case when c.suspension_reason = 'real_name_missing' then 'failed' when pg_temp.rnd(card_id, 35) < 0.8 then 'verified' else 'pending' end)::real_name_status,
        d.card_start
      from seed_card_dates d join cards c on c.id = d.card_id
      where d.cn is not null or (d.card_id > 8 and pg_temp.rnd(d.card_id, 33) < 0.6);`);
      // Ids as one connection would give them: every HK number by card, then every mainland one.
      const [counts] = await tx<{ hk: number; cn: number }[]>`
        select count(*) filter (where region = 'HK')::int as hk, count(*) filter (where region = 'CN')::int as cn from seed_numbers`;
      const ids = await slice.share("numbers", [counts!.hk, counts!.cn]);
      await tx.unsafe(`
      insert into card_numbers (id, card_id, region, msisdn, real_name_status, created_at)
      overriding system value
      select case region when 'HK' then ${ids.before[0]} else ${ids.total[0]! + ids.before[1]!} end
          + row_number() over (partition by region order by card_id)::int,
        card_id, region, msisdn, real_name_status, card_start
      from seed_numbers;

      update customers c set contact_phone = n.msisdn
      from (select distinct on (s.customer_id) s.customer_id, cn.msisdn
            from seed_cards s join card_numbers cn on cn.card_id = s.card_id
            order by s.customer_id, s.card_id, cn.region) n
      where n.customer_id = c.id;
    `);
    });

    await step("renewal history", async () => {
      await tx.unsafe(`
      -- Periods laid backwards from each card's validity end: period k ends
      -- (k periods and any grace gaps) before it. About 8% of renewals came in
      -- grace, after a gap, and started at the moment of purchase.
      create temp table seed_periods on commit drop as
      with raw as (
        select d.card_id, d.customer_id, d.cadence, d.days, d.validity_end, d.card_start, k,
          case when k > 0 and pg_temp.rnd(d.card_id * 1000 + k, 40) < 0.08 then 1 + floor(pg_temp.rnd(d.card_id * 1000 + k, 41) * 20)::int else 0 end as gap_after
        from seed_card_dates d
        cross join lateral generate_series(0, ceil(${historyDays}::numeric / d.days)::int + 1) k
      ), placed as (
        select *, sum(days + gap_after) over (partition by card_id order by k rows between unbounded preceding and current row) - days - gap_after as back_days
        from raw
      )
      select row_number() over (order by card_id, k desc)::int as renewal_id, card_id, customer_id, cadence, days, k,
        validity_end - make_interval(days => back_days::int) as ends_at,
        validity_end - make_interval(days => (back_days + days)::int) as starts_at,
        lag(gap_after) over (partition by card_id order by k desc) as gap_before
      from placed
      where validity_end - make_interval(days => (back_days + days)::int) >= card_start - interval '1 day';`);
      // Renewal ids run over all cards in id order: a slice's continue from the renewals before it.
      const [periods] = await tx<{ count: number }[]>`select count(*)::int as count from seed_periods`;
      const { before } = await slice.share("renewals", [periods!.count]);
      if (before[0]! > 0) await tx.unsafe(`update seed_periods set renewal_id = renewal_id + ${before[0]}`);
      await tx.unsafe(`
      create temp table seed_versions on commit drop as
      select pl.code, pv.id, pv.extension_mode, pv.data_cn_mb, pv.data_hk_mb, pv.price_hkd_minor, pv.price_cny_minor,
        case when pv.version = 1 then '-infinity'::timestamptz else pv.effective_from end as valid_from,
        coalesce(lead(pv.effective_from) over (partition by pl.id order by pv.version), 'infinity'::timestamptz) as valid_to
      from plans pl join plan_versions pv on pv.plan_id = pl.id;

      create temp table seed_renewals on commit drop as
      select p.*, v.id as plan_version_id, v.extension_mode, v.data_cn_mb, v.data_hk_mb,
        v.price_hkd_minor, v.price_cny_minor, m.method,
        case when m.method in ('wechat_pay', 'alipay') and pg_temp.rnd(p.renewal_id, 43) < 0.6 then 'CNY' else 'HKD' end::currency as currency,
        case when m.method = 'cash' or pg_temp.rnd(p.renewal_id, 44) < 0.45 then 'console' else 'self_service' end::renewal_channel as channel,
        case when coalesce(p.gap_before, 0) > 0 then 'grace' else 'active' end::card_state_at_renewal as card_state,
        least(case when coalesce(p.gap_before, 0) > 0 then p.starts_at
                   else p.starts_at - make_interval(secs => floor(pg_temp.rnd(p.renewal_id, 45) * least(p.days / 2, 10) * 86400)::int) end,
              ${nowSql} - make_interval(secs => 600 + floor(pg_temp.rnd(p.renewal_id, 46) * 86400 * 3)::int)) as created_at,
        staff_ids[1 + floor(pg_temp.rnd(p.renewal_id, 49) * array_length(staff_ids, 1))::int] as seller,
        c.preferred_language
      from seed_periods p
      join customers c on c.id = p.customer_id
      cross join (select array_agg(id order by id) as staff_ids from staff) st
      cross join lateral (select case
          when pg_temp.rnd(p.renewal_id, 42) < 0.28 then 'wechat_pay' when pg_temp.rnd(p.renewal_id, 42) < 0.45 then 'alipay'
          when pg_temp.rnd(p.renewal_id, 42) < 0.65 then 'fps' when pg_temp.rnd(p.renewal_id, 42) < 0.70 then 'bank_transfer'
          when pg_temp.rnd(p.renewal_id, 42) < 0.78 then 'cash' else 'stored_value' end::payment_method as method,
        case p.cadence
          when 'monthly' then case when p.starts_at < ${nowSql} - interval '300 days' and pg_temp.rnd(p.card_id, 47) < 0.5 then 'MONTHLY-LITE-3GB' else 'MONTHLY-8GB' end
          when 'quarterly' then 'QUARTER-30GB' when 'half' then 'HALF-60GB'
          else case when pg_temp.rnd(p.card_id, 48) < 0.3 then 'ANNUAL-MAX-200GB' else 'ANNUAL-120GB' end end as plan_code) m
      join seed_versions v on v.code = m.plan_code and p.starts_at >= v.valid_from and p.starts_at < v.valid_to;

      -- The last 60 days' confirmations went to the card's first number.
      create temp table seed_sms on commit drop as
      select r.renewal_id, r.card_id, n.msisdn, r.preferred_language as language, r.ends_at, r.created_at
      from seed_renewals r
      join (select distinct on (card_id) card_id, msisdn from card_numbers
            where card_id between ${slice.cards.from} and ${slice.cards.to} order by card_id, region) n on n.card_id = r.card_id
      where r.created_at > ${nowSql} - interval '60 days';

      insert into renewals (id, card_id, plan_version_id, channel, sold_by, card_state, extension_mode, previous_validity_end, new_validity_end,
        price_minor, currency, sms_msisdn, sms_language, status, activated_at, created_at)
      overriding system value
      select r.renewal_id, r.card_id, r.plan_version_id, r.channel,
        case when r.channel = 'console' then r.seller end,
        r.card_state, r.extension_mode,
        case when r.card_state = 'grace' then r.starts_at - make_interval(days => r.gap_before) else r.starts_at end,
        r.ends_at,
        case when r.currency = 'CNY' then r.price_cny_minor else r.price_hkd_minor end, r.currency,
        s.msisdn, r.preferred_language, 'activated', r.created_at + interval '4 seconds', r.created_at
      from seed_renewals r left join seed_sms s on s.renewal_id = r.renewal_id;

      insert into periods (id, renewal_id, card_id, starts_at, ends_at, data_cn_mb, data_hk_mb, used_cn_mb, used_hk_mb)
      overriding system value
      select renewal_id, renewal_id, card_id, starts_at, ends_at, data_cn_mb, data_hk_mb,
        floor(data_cn_mb * f * pg_temp.rnd(renewal_id, 50))::int, floor(data_hk_mb * f * pg_temp.rnd(renewal_id, 51))::int
      from seed_renewals
      cross join lateral (select greatest(0, least(1, extract(epoch from (${nowSql} - starts_at)) / extract(epoch from (ends_at - starts_at))))::double precision as f) x;

      insert into payments (id, renewal_id, card_id, method, reference, amount_minor, currency, received_at, received_by)
      overriding system value
      select r.renewal_id, r.renewal_id, r.card_id, r.method,
        case r.method
          when 'wechat_pay' then '4200' || to_char(r.created_at at time zone 'Asia/Hong_Kong', 'YYYYMMDD') || lpad(r.renewal_id::text, 16, '0')
          when 'alipay' then to_char(r.created_at at time zone 'Asia/Hong_Kong', 'YYYYMMDD') || '2200' || lpad(r.renewal_id::text, 16, '0')
          when 'fps' then 'FRN' || to_char(r.created_at at time zone 'Asia/Hong_Kong', 'YYYYMMDD') || lpad(r.renewal_id::text, 10, '0')
          when 'bank_transfer' then 'BT' || lpad(r.renewal_id::text, 12, '0') end,
        case when r.currency = 'CNY' then r.price_cny_minor else r.price_hkd_minor end, r.currency, r.created_at,
        case when r.channel = 'console' then r.seller end
      from seed_renewals r;
    `);
    });

    await step("stored-value ledger and messages", async () => {
      // From the slice's own renewals (seed_renewals), not the tables every slice is writing.
      await tx.unsafe(`
      -- Each card's opening top-up covers every stored-value payment it later
      -- made and leaves today's balance. (Stored value is always HKD.)
      create temp table seed_ledger on commit drop as
      select card_id, delta, balance_after, reason::stored_value_reason as reason, renewal_id, staff_id, at from (
        select c.id as card_id, c.stored_value_hkd_minor + coalesce(spent.total, 0) as delta,
          c.stored_value_hkd_minor + coalesce(spent.total, 0) as balance_after, 'top_up' as reason,
          null::int as renewal_id, null::int as staff_id, c.created_at - interval '30 days' as at
        from cards c
        left join (
          select card_id, sum(price_hkd_minor) as total from seed_renewals where method = 'stored_value' group by card_id
        ) spent on spent.card_id = c.id
        where c.id between ${slice.cards.from} and ${slice.cards.to} and c.stored_value_hkd_minor + coalesce(spent.total, 0) > 0
        union all
        select r.card_id, -r.price_hkd_minor,
          c.stored_value_hkd_minor + sum(r.price_hkd_minor) over (partition by r.card_id order by r.created_at desc, r.renewal_id desc) - r.price_hkd_minor,
          'renewal_payment', r.renewal_id, case when r.channel = 'console' then r.seller end, r.created_at
        from seed_renewals r join cards c on c.id = r.card_id
        where r.method = 'stored_value'
      ) l;`);
      const [counts] = await tx<{ ledger: number; sms: number }[]>`
        select (select count(*) from seed_ledger)::int as ledger, (select count(*) from seed_sms)::int as sms`;
      const ids = await slice.share("ledger and messages", [counts!.ledger, counts!.sms]);
      await tx.unsafe(`
      insert into stored_value_ledger (id, card_id, delta_minor, balance_after_minor, reason, renewal_id, staff_id, created_at)
      overriding system value
      select ${ids.before[0]} + row_number() over (order by card_id, at, renewal_id nulls first), card_id, delta, balance_after, reason, renewal_id, staff_id, at
      from seed_ledger;

      insert into notifications (id, kind, card_id, renewal_id, to_msisdn, language, body, dedupe_key, status, attempts, sent_at, provider_message_id, created_at, next_attempt_at)
      overriding system value
      select ${ids.before[1]} + row_number() over (order by s.renewal_id), 'renewal_confirmation', s.card_id, s.renewal_id, s.msisdn, s.language,
        case s.language when 'en' then 'Renewal Desk: your card is renewed. Valid until ' || to_char(s.ends_at at time zone 'Asia/Hong_Kong', 'YYYY-MM-DD') || ' 23:59 HKT.'
          when 'zh-Hans' then '中港通：您的卡已续费，有效期至 ' || to_char(s.ends_at at time zone 'Asia/Hong_Kong', 'YYYY-MM-DD') || ' 23:59（香港时间）。'
          else '中港通：您的卡已續費，有效期至 ' || to_char(s.ends_at at time zone 'Asia/Hong_Kong', 'YYYY-MM-DD') || ' 23:59（香港時間）。' end,
        'renewal:' || s.renewal_id || ':confirmation', 'sent', 1, s.created_at + interval '9 seconds', 'seed-' || s.renewal_id, s.created_at, s.created_at
      from seed_sms s;
    `);
    });

    // What renewal_daily_stats and plan_version_period_deltas_rebuild() would
    // count of this slice's renewals (all activated), from its own rows.
    await step("rollup shares", () =>
      tx.unsafe(`
      insert into seed_daily_partials (day, plan_id, method, currency, channel, sold_by, card_state, renewals, revenue_minor)
      select (r.created_at at time zone 'Asia/Hong_Kong')::date, v.plan_id, r.method, r.currency, r.channel,
        case when r.channel = 'console' then r.seller end, r.card_state,
        count(*), sum(case when r.currency = 'CNY' then r.price_cny_minor else r.price_hkd_minor end)
      from seed_renewals r join plan_versions v on v.id = r.plan_version_id
      group by 1, 2, 3, 4, 5, 6, 7;

      insert into seed_delta_partials (plan_version_id, day, delta)
      select plan_version_id, day, sum(delta) from (
        select plan_version_id, ((starts_at + interval '1 second') at time zone 'Asia/Hong_Kong')::date as day, 1 as delta from seed_renewals
        union all
        select plan_version_id, ((ends_at + interval '1 second') at time zone 'Asia/Hong_Kong')::date, -1 from seed_renewals
      ) contributions
      group by 1, 2;
    `),
    );
  };

  /** What reads or follows every slice: the demo's edge cases, rollups, sequences, the desk's rows. */
  const finish = async (tx: Tx) => {
    // The slices gave these tables explicit ids; the edge cases below take generated ones.
    await tx.unsafe(`
      select setval(pg_get_serial_sequence('card_numbers', 'id'), greatest(1, (select max(id) from card_numbers)));
      select setval(pg_get_serial_sequence('stored_value_ledger', 'id'), greatest(1, (select max(id) from stored_value_ledger)));
      select setval(pg_get_serial_sequence('notifications', 'id'), greatest(1, (select max(id) from notifications)));
    `);
    const [loaded] = await tx<{ renewals: number }[]>`select coalesce(max(id), 0)::int as renewals from renewals`;
    await step("renewal edges: a stuck activation, a refund", () => tx.unsafe(renewalEdgesDemoSql(nowSql)));

    // The rollup triggers are off in a bulk load (replica mode): the slices' shares plus the
    // edge cases' rows (ids after the slices') give what a rebuild from all rows gives
    // (tests/integration/seed.test.ts compares them with renewal_rollups_rebuild() and
    // plan_version_period_deltas_rebuild()).
    await step("daily rollup", () =>
      tx.unsafe(`
      insert into renewal_daily_stats (day, plan_id, method, currency, channel, sold_by, card_state, renewals, revenue_minor)
      select day, plan_id, method, currency, channel, sold_by, card_state, sum(renewals), sum(revenue_minor) from (
        select * from seed_daily_partials
        union all
        select (r.created_at at time zone 'Asia/Hong_Kong')::date, pv.plan_id, p.method, r.currency, r.channel, r.sold_by, r.card_state,
          count(*), sum(r.price_minor)
        from renewals r join plan_versions pv on pv.id = r.plan_version_id join payments p on p.renewal_id = r.id
        where r.status <> 'voided' and r.id > ${loaded!.renewals} and p.id > ${loaded!.renewals}
        group by 1, 2, 3, 4, 5, 6, 7
      ) shares
      group by 1, 2, 3, 4, 5, 6, 7;
      -- The chart-grain rollups from it, once.
      select renewal_rollups_rebuild();
    `),
    );

    await step("cards on each plan version", () =>
      tx.unsafe(`
      -- Without replica mode (not a superuser) the periods trigger counted every row already.
      delete from plan_version_period_deltas;
      insert into plan_version_period_deltas (plan_version_id, day, delta)
      select plan_version_id, day, sum(delta) from (
        select plan_version_id, day, delta from seed_delta_partials
        union all
        select r.plan_version_id, ((p.starts_at + interval '1 second') at time zone 'Asia/Hong_Kong')::date, 1
        from periods p join renewals r on r.id = p.renewal_id
        where p.voided_at is null and p.id > ${loaded!.renewals} and r.id > ${loaded!.renewals}
        union all
        select r.plan_version_id, ((p.ends_at + interval '1 second') at time zone 'Asia/Hong_Kong')::date, -1
        from periods p join renewals r on r.id = p.renewal_id
        where p.voided_at is null and p.id > ${loaded!.renewals} and r.id > ${loaded!.renewals}
      ) contributions
      group by 1, 2;
      drop table seed_daily_partials, seed_delta_partials;
    `),
    );

    await step("sequences", () =>
      tx.unsafe(`
      select setval(pg_get_serial_sequence('customers', 'id'), (select max(id) from customers));
      select setval(pg_get_serial_sequence('cards', 'id'), (select max(id) from cards));
      select setval(pg_get_serial_sequence('renewals', 'id'), greatest(1, (select max(id) from renewals)));
      select setval(pg_get_serial_sequence('periods', 'id'), greatest(1, (select max(id) from periods)));
      select setval(pg_get_serial_sequence('payments', 'id'), greatest(1, (select max(id) from payments)));
      insert into audit_log (actor_staff_id, action, entity_type, entity_id, after)
      values (null, 'seed.load', 'database', 'demo', jsonb_build_object('customers', ${n}, 'months', ${months}));
    `),
    );

    // After the sequences: these rows take generated ids.
    await step("desk: goodwill, top-ups, contacts, real-name", () => tx.unsafe(deskDemoSql(nowSql)));
  };

  if (workers === 1) {
    // One transaction: a failed seed leaves the database as empty as it found it.
    await sql.begin(async (tx) => {
      await prepare(tx);
      const indexes = await dropBulkIndexes(tx);
      await setUp(tx);
      await loadSlice(tx, wholeSlice(n), step);
      await finish(tx);
      // Last in the bulk load: the desk's rows and real-name updates above ran without index upkeep.
      await step(`${indexes.length} indexes`, async () => {
        for (const index of indexes) await tx.unsafe(index.definition);
      });
    });
  } else {
    // Slices of customers load side by side, each on its own connection and
    // in its own transaction; ids are shared out as one connection would give
    // them, so the data is the same for any number of workers.
    const indexes = await sql.begin(async (tx) => {
      await prepare(tx);
      const dropped = await dropBulkIndexes(tx);
      await setUp(tx);
      return dropped;
    });
    try {
      const shares = new SliceShares(workers);
      const quiet: Step = (_label, run) => run().then(() => undefined);
      await step(`customers, cards, numbers, renewal history, stored value, messages (${workers} slices)`, () =>
        Promise.all(
          slicesOf(n, workers).map((range, index) =>
            onOwnConnection(sql, async (connection) => {
              const slice: Slice = { ...range, share: (key, counts) => shares.share(key, index, counts) };
              try {
                await inTransaction(connection, async (tx) => {
                  await prepare(tx);
                  await loadSlice(tx, slice, index === 0 ? (label, run) => step(`  ${label}, slice 1`, run) : quiet);
                });
              } catch (error) {
                shares.abort(error);
                throw error;
              }
            }),
          ),
        ),
      );
      await sql.begin(async (tx) => {
        await prepare(tx);
        await finish(tx);
      });
      await step(`${indexes.length} indexes (${workers} connections)`, () => buildIndexes(sql, indexes, workers));
    } catch (error) {
      log(
        `The seed stopped part-way (${error instanceof Error ? error.message : String(error)}): this database now holds part of the demo data and lacks some indexes. Drop it and create it again before seeding.`,
      );
      throw error;
    }
  }

  await step("card lifecycle", () => seedLifecycle(sql, now));
  await step("money at the end of the day", () => sql.unsafe(moneyDemoSql(nowSql)));
  // Their triggers are off in the bulk load (replica mode): rebuilt once from every row written above.
  await step("validity ends, goodwill and fee rollups", () =>
    sql.unsafe(`
      select card_validity_ends_rebuild();
      select renewal_previous_ends_rebuild();
      select goodwill_day_rebuild();
      select replacement_fee_day_rebuild();
    `),
  );
  await step("analyze", () => sql`analyze`);
  log(`Seeded ${n.toLocaleString("en")} customers in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/**
 * The lifecycle a new user should see: every suspended card has its
 * suspension record (who, since when, why), and one card was replaced through
 * the real replacement (its numbers, validity, periods and balance on a new
 * SIM; the fee waived by the demo supervisor), so search by its old ICCID
 * says "replaced by card #N". Showcase card 3 is expired with HK$88 forfeited.
 */
async function seedLifecycle(sql: postgres.Sql, now: Date): Promise<void> {
  await sql.unsafe(`
    update cards c set suspended_by = case when c.suspension_reason in ('fraud', 'carrier') then s.id else a.id end
    from (select id from staff where email = 'supervisor@example.com') s, (select id from staff where email = 'agent@example.com') a
    where c.suspended_at is not null and c.suspension_reason <> 'carrier';
    insert into card_suspensions (card_id, reason, note, suspended_by, suspended_at)
    select id, suspension_reason,
      case suspension_reason when 'fraud' then 'Chargebacks flagged by the payment provider' when 'carrier' then 'Blocked by the carrier' when 'lost' then 'Customer called: card lost' end,
      suspended_by, suspended_at
    from cards where suspended_at is not null
    order by id;
  `);
  const [target] = await sql<{ id: number }[]>`
    select c.id from cards c
    where c.id > 8 and c.suspended_at is null and c.validity_end > ${now} + interval '30 days'
      and exists (select 1 from card_numbers n where n.card_id = c.id and n.region = 'HK')
    order by c.id limit 1`;
  const [supervisor] = await sql<{ id: number }[]>`select id from staff where email = 'supervisor@example.com'`;
  if (!target || !supervisor) return;
  const payload = `8985202${String(target.id).padStart(11, "0")}`;
  const iccid = payload + String(luhnCheckDigit(payload));
  // The same rows replaceCard (db/mutations/replace-card.ts) writes; plain SQL because the seed runs outside Next.
  await sql.begin(async (tx) => {
    const [old] = await tx<{ customer_id: number; iccid: string; validity_end: Date; balance: number }[]>`
      select customer_id, iccid, validity_end, stored_value_hkd_minor as balance from cards where id = ${target.id} for update`;
    const [created] = await tx<{ id: number }[]>`
      insert into cards (customer_id, iccid, form, validity_end, stored_value_hkd_minor, activated_at, created_at, updated_at)
      values (${old!.customer_id}, ${iccid}, 'physical', ${old!.validity_end}, ${old!.balance}, ${now}, ${now}, ${now}) returning id`;
    const newCardId = created!.id;
    // Ordered, so the released rows get the same ids however the slices laid out the table.
    const moved = await tx<{ msisdn: string }[]>`
      with m as (update card_numbers set card_id = ${newCardId} where card_id = ${target.id} and released_at is null returning region, msisdn, real_name_status)
      insert into card_numbers (card_id, region, msisdn, real_name_status, released_at, created_at)
      select ${target.id}, region, msisdn, real_name_status, ${now}, ${now} from m order by region, msisdn returning msisdn`;
    const renewalIds = await tx<{ renewal_id: number }[]>`
      update periods set card_id = ${newCardId} where card_id = ${target.id} and voided_at is null and ends_at > ${now} returning renewal_id`;
    const ids = renewalIds.map((r) => r.renewal_id);
    if (ids.length) {
      await tx`update renewals set card_id = ${newCardId} where id in ${tx(ids)}`;
      await tx`update payments set card_id = ${newCardId} where renewal_id in ${tx(ids)}`;
    }
    if (old!.balance > 0) {
      await tx`insert into stored_value_ledger (card_id, delta_minor, balance_after_minor, reason, staff_id, created_at) values
        (${target.id}, ${-old!.balance}, 0, 'replacement_transfer', ${supervisor.id}, ${now}),
        (${newCardId}, ${old!.balance}, ${old!.balance}, 'replacement_transfer', ${supervisor.id}, ${now})`;
    }
    const [succession] = await tx<{ id: number }[]>`
      insert into card_successions (kind, old_card_id, new_card_id, reason, form, handover, fee_minor, fee_currency, fee_waived_by, fee_waive_reason, ticket_reference, created_by, created_at)
      values ('replacement', ${target.id}, ${newCardId}, 'damaged', 'physical', 'pickup', 5000, 'HKD', ${supervisor.id}, 'Demo: SIM damaged in a network fault', 'DEMO-1001', ${supervisor.id}, ${now})
      returning id`;
    await tx`update cards set replaced_at = ${now}, replaced_by_card_id = ${newCardId}, stored_value_hkd_minor = 0, updated_at = ${now} where id = ${target.id}`;
    const after = {
      successionId: succession!.id,
      reason: "damaged",
      numbers: moved.map((n) => n.msisdn),
      renewalIds: ids,
    };
    await tx`insert into audit_log (actor_staff_id, action, entity_type, entity_id, before, after, customer_id, ticket_ref, contact_channel, reason, created_at) values
      (${supervisor.id}, 'card.replace', 'card', ${String(target.id)}, ${tx.json({ iccid: old!.iccid, storedValueHkdMinor: old!.balance })}, ${tx.json({ ...after, replacedByCardId: newCardId })}, ${old!.customer_id}, 'DEMO-1001', 'walk_in', 'Demo: SIM damaged in a network fault', ${now}),
      (${supervisor.id}, 'card.replacement_issued', 'card', ${String(newCardId)}, null, ${tx.json({ ...after, replacesCardId: target.id, iccid })}, ${old!.customer_id}, 'DEMO-1001', 'walk_in', 'Demo: SIM damaged in a network fault', ${now})`;
  });
}

/**
 * A little of everything the desk records, on a deterministic slice of the
 * cards: goodwill extensions (within each card's current validity, so the end
 * stays consistent), HK$200 FPS top-ups, logged calls with ticket references,
 * and every real-name state with its document type and last four characters.
 */
function deskDemoSql(nowSql: string): string {
  return `
    insert into goodwill_extensions (card_id, days, reason_code, reason, previous_validity_end, new_validity_end, granted_by, created_at)
    select c.id, 7, 'network_outage', 'network_outage', c.validity_end - interval '7 days', c.validity_end,
      (select id from staff where role = 'supervisor' order by id limit 1), ${nowSql} - make_interval(days => c.id % 20)
    from cards c where c.id % 97 = 3 and c.validity_end > ${nowSql} + interval '8 days' and c.suspended_at is null
    order by c.id;

    insert into payments (purpose, card_id, method, reference, amount_minor, currency, received_at, received_by)
    select 'top_up', c.id, 'fps', 'FRNTU' || lpad(c.id::text, 10, '0'), 20000, 'HKD', ${nowSql} - make_interval(hours => c.id % 200),
      (select id from staff where role = 'agent' order by id limit 1)
    from cards c where c.id % 89 = 5 and c.stored_value_hkd_minor >= 20000 and c.validity_end > ${nowSql}
    order by c.id;

    insert into stored_value_ledger (card_id, delta_minor, balance_after_minor, reason, payment_id, staff_id, created_at)
    select p.card_id, p.amount_minor, c.stored_value_hkd_minor, 'top_up', p.id, p.received_by, p.received_at
    from payments p join cards c on c.id = p.card_id where p.purpose = 'top_up'
    order by p.id;

    insert into contacts (customer_id, card_id, channel, outcome, call_back_at, note, ticket_ref, staff_id, created_at)
    select c.customer_id, c.id,
      (array['phone','wechat','whatsapp','phone'])[1 + c.id % 4]::contact_channel,
      (array['reached','no_answer','promised_to_renew','declined'])[1 + (c.id / 13) % 4]::contact_outcome,
      null, 'Expiry call', 'ZD-' || (40000 + c.id), (select id from staff where role = 'agent' order by id limit 1),
      ${nowSql} - make_interval(hours => 2 + c.id % 70)
    from cards c where c.id % 13 = 0 and c.validity_end between ${nowSql} - interval '25 days' and ${nowSql} + interval '30 days'
    order by c.id;

    insert into audit_log (actor_staff_id, action, entity_type, entity_id, customer_id, ticket_ref, contact_channel, contact_note, after, created_at)
    select k.staff_id, 'customer.contact', 'customer', k.customer_id::text, k.customer_id, k.ticket_ref, k.channel, k.note,
      jsonb_build_object('contactId', k.id, 'cardId', k.card_id, 'outcome', k.outcome), k.created_at
    from contacts k
    order by k.id;

    update card_numbers n set real_name_document = case when n.region = 'HK' then 'hkid' else 'home_return_permit' end::real_name_document,
      real_name_document_last4 = lpad(((n.card_id::bigint * 7919) % 10000)::text, 4, '0'), real_name_updated_at = n.created_at
    where n.real_name_status = 'verified';
    update card_numbers n set real_name_deadline = ${nowSql} + make_interval(days => 3 + n.card_id % 25)
    where n.real_name_status = 'pending';
    update card_numbers n set real_name_status = 'not_required', real_name_document = null, real_name_document_last4 = null
    where n.region = 'HK' and n.card_id % 17 = 0 and n.real_name_status = 'verified';
  `;
}

/**
 * Money at the end of the day, as a supervisor finds it the next morning:
 * yesterday's WeChat Pay bill imported with its exceptions open (one amount
 * differs, one payment the console never recorded, one console payment the
 * bill lacks), Chan Chi Ming's HKD drawer of yesterday closed HK$20 short and
 * awaiting sign-off, and Wong Ka Yan's drawer open today. The demo agent's
 * own drawer is left for them to open. Everything derives from `now`.
 */
function moneyDemoSql(nowSql: string): string {
  const today = `(${nowSql} at time zone 'Asia/Hong_Kong')::date`;
  return `
    create temp table demo_day on commit drop as
    select (${today} - 1) as day,
           ((${today} - 1)::timestamp at time zone 'Asia/Hong_Kong') as from_at,
           (${today}::timestamp at time zone 'Asia/Hong_Kong') as to_at,
           (select id from staff where email = 'supervisor@example.com') as supervisor;
    create temp table demo_pay on commit drop as
    select p.id, p.reference, p.amount_minor, p.currency, p.received_at, row_number() over (order by p.id) as rn
      from payments p, demo_day d
     where p.method = 'wechat_pay' and p.received_at >= d.from_at and p.received_at < d.to_at;
    insert into settlement_files (format, method, content_sha256, file_name, byte_size, period_from, period_to, line_count, uploaded_by, uploaded_at)
    select 'wechat_pay', 'wechat_pay', encode(sha256(convert_to('demo wechat bill ' || d.day, 'UTF8')), 'hex'),
           'wechat-bill-' || to_char(d.day, 'YYYYMMDD') || '.csv', 2048 + 300 * (select count(*) from demo_pay),
           d.from_at, d.to_at - interval '1 second', (select count(*) from demo_pay where rn <> 2) + 1, d.supervisor,
           d.to_at + interval '10 hours'
      from demo_day d where d.supervisor is not null;
    insert into settlement_lines (file_id, line_no, kind, reference, amount_minor, currency, occurred_at, outcome, payment_id)
    select f.id, row_number() over (order by p.rn) + 1, 'payment', p.reference,
           p.amount_minor + case when p.rn = 1 then 500 else 0 end, p.currency, p.received_at,
           case when p.rn = 1 then 'amount_differs' else 'matched' end::settlement_outcome, p.id
      from demo_pay p, settlement_files f where f.file_name like 'wechat-bill-%' and p.rn <> 2
     order by p.rn;
    insert into settlement_lines (file_id, line_no, kind, reference, amount_minor, currency, occurred_at, outcome)
    select f.id, f.line_count + 1, 'payment', '4200000000' || to_char(d.day, 'YYYYMMDD') || '9999000001', 8800, 'CNY',
           d.from_at + interval '15 hours 12 minutes', 'missing_in_console'
      from settlement_files f, demo_day d where f.file_name like 'wechat-bill-%';
    insert into settlement_lines (file_id, kind, reference, outcome, payment_id)
    select f.id, 'payment', p.reference, 'missing_in_file', p.id
      from demo_pay p, settlement_files f where f.file_name like 'wechat-bill-%' and p.rn = 2;
    insert into audit_log (actor_staff_id, action, entity_type, entity_id, after, created_at)
    select f.uploaded_by, 'settlement.import', 'settlement_file', f.id::text,
           jsonb_build_object('format', f.format, 'lines', f.line_count), f.uploaded_at
      from settlement_files f where f.file_name like 'wechat-bill-%';
    insert into cash_drawers (staff_id, day, currency, opening_float_minor, status, opened_at, closed_at, expected_minor, counted_minor, difference_reason)
    select s.id, d.day, 'HKD', 50000, 'closed', d.from_at + interval '9 hours', d.from_at + interval '19 hours',
           50000 + x.moved, 50000 + x.moved - 2000, 'HK$20 short: change given twice to one walk-in customer'
      from demo_day d, staff s,
           lateral (select coalesce(sum(p.amount_minor), 0)::int as moved from payments p
                     where p.method = 'cash' and p.received_by = s.id and p.currency = 'HKD'
                       and p.received_at >= d.from_at and p.received_at < d.to_at) x
     where s.email = 'chan.chiming@example.com';
    insert into cash_drawers (staff_id, day, currency, opening_float_minor, opened_at)
    select s.id, d.day + 1, 'HKD', 80000, d.to_at + interval '9 hours'
      from demo_day d, staff s where s.email = 'wong.kayan@example.com';
    insert into audit_log (actor_staff_id, action, entity_type, entity_id, after, created_at)
    select staff_id, 'cash_drawer.' || case when status = 'open' then 'open' else 'close' end, 'cash_drawer', id::text,
           jsonb_build_object('day', day, 'currency', currency, 'openingFloatMinor', opening_float_minor), coalesce(closed_at, opened_at)
      from cash_drawers order by id;
  `;
}

/** A loading connection inside its transaction: sql.begin's, or a reserved connection's own. */
type Tx = postgres.TransactionSql | postgres.ReservedSql;

/** A transaction on a reserved connection (postgres.js gives reserved connections no begin()). */
async function inTransaction<T>(connection: postgres.ReservedSql, work: (tx: Tx) => Promise<T>): Promise<T> {
  await connection`begin`;
  try {
    const result = await work(connection);
    await connection`commit`;
    return result;
  } catch (error) {
    await connection`rollback`.catch(() => undefined);
    throw error;
  }
}

type Step = (label: string, run: () => Promise<unknown>) => Promise<void>;

async function onOwnConnection<T>(
  sql: postgres.Sql,
  work: (connection: postgres.ReservedSql) => Promise<T>,
): Promise<T> {
  const connection = await sql.reserve();
  try {
    return await work(connection);
  } finally {
    connection.release();
  }
}

/** Rebuilds the dropped indexes on `workers` connections, the biggest tables' first. */
async function buildIndexes(
  sql: postgres.Sql,
  indexes: { name: string; table: string; definition: string }[],
  workers: number,
): Promise<void> {
  const sizes = await sql<{ table: string; bytes: string }[]>`
    select relname as table, pg_table_size(oid)::text as bytes from pg_class
    where oid in (select (current_schema() || '.' || t)::regclass from unnest(${[...new Set(indexes.map((i) => i.table))]}::text[]) t)`;
  const bytes = new Map(sizes.map((row) => [row.table, Number(row.bytes)]));
  const queue = [...indexes].sort((a, b) => (bytes.get(b.table) ?? 0) - (bytes.get(a.table) ?? 0));
  const memory = `${Math.max(64, Math.floor(1024 / workers))}MB`;
  await Promise.all(
    Array.from({ length: workers }, () =>
      onOwnConnection(sql, async (connection) => {
        for (let index = queue.shift(); index; index = queue.shift()) {
          const { definition } = index;
          await inTransaction(connection, async (tx) => {
            await tx`select set_config('maintenance_work_mem', ${memory}, true)`;
            await tx.unsafe(definition);
          });
        }
      }),
    ),
  );
}

/** True when the database has no staff and no customers yet. */
export async function isEmpty(sql: postgres.Sql): Promise<boolean> {
  const [row] = await sql`select not exists (select 1 from staff) and not exists (select 1 from customers) as empty`;
  return Boolean(row?.empty);
}
