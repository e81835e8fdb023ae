/**
 * Demo rows for the renewal edges a desk exists for, written as the renewal,
 * carrier and void mutations would write them (plain SQL: the seed runs
 * outside Next). Runs inside the seed's transaction before the rollup and
 * plan-version steps, so those count these rows like any other, and before
 * the sequences are set, so ids continue the explicit ones.
 *
 * - Showcase card 7 (Star River Trading): a renewal paid by FPS 47 minutes
 *   ago whose activation the carrier refused three times: "paid — not active
 *   yet" on the card, in the activation queue and, past 15 minutes, flagged
 *   to supervisors. Its confirmation SMS is held until it activates.
 * - Showcase card 5 (Émilie Dubois): a renewal taken twice by mistake and
 *   voided by the supervisor, refunded by WeChat Pay with its own reference;
 *   the carrier deactivated it and the void SMS went out.
 */
export function renewalEdgesDemoSql(nowSql: string): string {
  return `
    create temporary table seed_edges on commit drop as
    select e.*, c.validity_end as previous_end, c.validity_end + make_interval(days => v.validity_days) as new_end,
      v.id as version_id, v.price_hkd_minor as price, v.data_cn_mb, v.data_hk_mb,
      (select max(id) from renewals) + e.n as renewal_id,
      (select max(id) from payments) + e.n as payment_id,
      (select msisdn from card_numbers where card_id = e.card_id and region = 'HK') as msisdn,
      cu.preferred_language as language, p.name_zh as plan_name_zh
    from (values
      (1, 7, 'HALF-60GB', 'fps', ${nowSql} - interval '47 minutes'),
      (2, 5, 'ANNUAL-120GB', 'wechat_pay', ${nowSql} - interval '3 days')
    ) as e(n, card_id, plan_code, method, sold_at)
    join cards c on c.id = e.card_id
    join customers cu on cu.id = c.customer_id
    join plans p on p.code = e.plan_code
    join plan_versions v on v.id = p.current_version_id;

    insert into renewals (id, card_id, plan_version_id, channel, sold_by, card_state, extension_mode, previous_validity_end,
      new_validity_end, price_minor, currency, sms_msisdn, sms_language, status, activated_at, voided_at, voided_by, void_reason, created_at)
    overriding system value
    select renewal_id, card_id, version_id, 'console', (select id from staff where email = 'agent@example.com'), 'active', 'stack',
      previous_end, new_end, price, 'HKD', msisdn, language,
      (case n when 1 then 'paid' else 'voided' end)::renewal_status,
      case n when 2 then sold_at + interval '5 seconds' end,
      case n when 2 then sold_at + interval '20 minutes' end,
      case n when 2 then (select id from staff where email = 'supervisor@example.com') end,
      case n when 2 then 'Customer paid twice: the same renewal was also bought in the app' end,
      sold_at
    from seed_edges;

    insert into periods (id, renewal_id, card_id, starts_at, ends_at, data_cn_mb, data_hk_mb, voided_at)
    overriding system value
    select (select max(id) from periods) + n, renewal_id, card_id, previous_end, new_end, data_cn_mb, data_hk_mb,
      case n when 2 then sold_at + interval '20 minutes' end
    from seed_edges;

    insert into payments (id, purpose, renewal_id, card_id, method, reference, amount_minor, currency, received_at, received_by)
    overriding system value
    select payment_id, 'renewal', renewal_id, card_id, method::payment_method,
      case method when 'fps' then 'FRN' || to_char(sold_at at time zone 'Asia/Hong_Kong', 'YYYYMMDD') || lpad(renewal_id::text, 10, '0')
        else '4200' || to_char(sold_at at time zone 'Asia/Hong_Kong', 'YYYYMMDD') || lpad(renewal_id::text, 16, '0') end,
      price, 'HKD', sold_at, (select id from staff where email = 'agent@example.com')
    from seed_edges;

    insert into refunds (payment_id, amount_minor, currency, method, reference, reason, refunded_by, refunded_at)
    select payment_id, price, 'HKD', 'wechat_pay', 'REFUND' || lpad(renewal_id::text, 12, '0'),
      'Customer paid twice: the same renewal was also bought in the app',
      (select id from staff where email = 'supervisor@example.com'), sold_at + interval '20 minutes'
    from seed_edges where n = 2;

    -- The paid renewal moved the card's validity; the voided one gave it back.
    update cards c set validity_end = e.new_end from seed_edges e where e.n = 1 and c.id = e.card_id;

    insert into carrier_requests (kind, card_id, renewal_id, payload, dedupe_key, status, attempts, next_attempt_at, last_error, created_by, created_at, completed_at, carrier_reference)
    select 'activate'::carrier_request_kind, card_id, renewal_id,
      jsonb_build_object('startsAt', previous_end, 'endsAt', new_end, 'dataCnMb', data_cn_mb, 'dataHkMb', data_hk_mb),
      'renewal:' || renewal_id || ':activate',
      (case n when 1 then 'failed' else 'succeeded' end)::carrier_request_status,
      case n when 1 then 3 else 1 end, sold_at,
      case n when 1 then 'carrier unavailable: HTTP 503 from the activation gateway' end,
      (select id from staff where email = 'agent@example.com'), sold_at, sold_at + interval '5 seconds',
      case n when 2 then 'CARRIER-' || renewal_id end
    from seed_edges
    union all
    select 'deactivate', card_id, renewal_id, '{}'::jsonb, 'renewal:' || renewal_id || ':deactivate', 'succeeded'::carrier_request_status, 1,
      sold_at + interval '20 minutes', null, (select id from staff where email = 'supervisor@example.com'),
      sold_at + interval '20 minutes', sold_at + interval '21 minutes', 'CARRIER-' || renewal_id || '-OFF'
    from seed_edges where n = 2;

    insert into notifications (kind, card_id, renewal_id, to_msisdn, language, body, dedupe_key, status, attempts, sent_at, provider_message_id, created_at, next_attempt_at)
    select 'renewal_voided', card_id, renewal_id, msisdn, language,
      'Renewal Desk: your renewal was cancelled and HK$' || to_char(price / 100.0, 'FM999990.00') || ' refunded by WeChat Pay.',
      'renewal:' || renewal_id || ':voided', 'sent', 1, sold_at + interval '21 minutes', 'seed-void-' || renewal_id,
      sold_at + interval '20 minutes', sold_at + interval '20 minutes'
    from seed_edges where n = 2;

    -- The held confirmation (sent once the carrier activates) and the void's SMS, as the mutations queue them.
    insert into notifications (kind, card_id, renewal_id, to_msisdn, language, body, dedupe_key, status, attempts, created_at, next_attempt_at)
    select 'renewal_confirmation', card_id, renewal_id, msisdn, language,
      '中港通：' || plan_name_zh || '已开通，已付款HK$' || to_char(price / 100.0, 'FM999990.00') || '（收据R' || renewal_id || '），卡有效期至'
        || to_char(new_end at time zone 'Asia/Hong_Kong', 'YYYY-MM-DD') || ' 23:59（香港时间）。',
      'renewal:' || renewal_id || ':confirmation', 'pending', 0, sold_at, sold_at
    from seed_edges where n = 1;

    insert into audit_log (actor_staff_id, action, entity_type, entity_id, customer_id, before, after, created_at)
    select (select id from staff where email = 'agent@example.com'), 'card.renew', 'card', e.card_id::text, c.customer_id,
      jsonb_build_object('validityEnd', e.previous_end, 'state', 'active'),
      jsonb_build_object('renewalId', e.renewal_id, 'validityEnd', e.new_end, 'planVersionId', e.version_id, 'mode', 'stack',
        'priceMinor', e.price, 'currency', 'HKD', 'method', e.method), e.sold_at
    from seed_edges e join cards c on c.id = e.card_id
    order by e.n;

    insert into audit_log (actor_staff_id, action, entity_type, entity_id, customer_id, reason, before, after, created_at)
    select (select id from staff where email = 'supervisor@example.com'), 'renewal.void', 'renewal', e.renewal_id::text, c.customer_id,
      r.void_reason, jsonb_build_object('status', 'activated', 'validityEnd', e.new_end),
      jsonb_build_object('status', 'voided', 'validityEnd', e.previous_end, 'refundMinor', e.price, 'currency', 'HKD',
        'refundMethod', 'wechat_pay', 'reason', r.void_reason), r.voided_at
    from seed_edges e join cards c on c.id = e.card_id join renewals r on r.id = e.renewal_id where e.n = 2;
  `;
}
