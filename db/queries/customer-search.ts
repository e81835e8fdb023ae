import { inArray, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import {
  lookupRank,
  type Lookup,
  type MatchReason,
  type NameTerm,
  type SearchCursor,
} from "@/lib/domain/search-classifier";
import { getCardSummaries, type CardSummary } from "./cards";
import { customers } from "../schema";
import { escapeLike } from "./_shared/like";

export interface SearchHit {
  rank: number;
  reason: MatchReason;
  customerId: number;
  /** Null for a customer who holds no card. */
  cardId: number | null;
  /** The renewal a receipt number or payment reference matched; its receipt is where the result opens. */
  renewalId: number | null;
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// The patterns are folded by the same IMMUTABLE function as the generated
// column, so PostgreSQL folds them to constants at plan time and pg_trgm can
// read their trigrams.
function termPredicate(term: NameTerm): SQL {
  switch (term.match) {
    case "gram":
      // Folded like the column (繁 → 简), so 鄧 finds 邓 and the reverse.
      return sql`cu.name_grams @> array[fold_han(${term.text})]::text[]`;
    case "contains":
      return sql`cu.search_name like '%' || fold_search_text(${escapeLike(term.text)}) || '%'`;
    case "word":
      // Anchors count as word boundaries for pg_trgm, so even a two-letter
      // surname (Ng, Ho) has padded trigrams to look up.
      return sql`cu.search_name ~ ('(^| )' || fold_search_text(${escapeRegex(term.text)}) || '( |$)')`;
  }
}

function customerPredicate(lookup: Lookup): SQL | null {
  switch (lookup.by) {
    case "name":
      return sql.join(lookup.terms.map(termPredicate), sql` and `);
    case "emailPrefix":
      return sql`cu.email like ${`${escapeLike(lookup.prefix)}%`}`;
    default:
      return null;
  }
}

const cardOf = sql`c.customer_id, c.id as card_id, c.id as card_key, null::int as renewal_id`;
// A number's card is read by primary key per match, so a broad fragment can never turn the join into a scan of cards.
const numberCard = sql`(select c.customer_id from cards c where c.id = n.card_id) as customer_id, n.card_id, n.card_id as card_key, null::int as renewal_id`;
const customerCards = sql`cu.id as customer_id, c.id as card_id, coalesce(c.id, 0) as card_key, null::int as renewal_id`;
const renewalCard = sql`c.customer_id, c.id as card_id, c.id as card_key, r.id as renewal_id`;
const numberReason = (kind: "Number" | "Last4" | "Fragment") =>
  sql.raw(`case n.region when 'HK' then 'hk${kind}' else 'cn${kind}' end`);

/** One indexed path per lookup, each yielding (customer_id, card_id, card_key, rank, reason). */
function arm(lookup: Lookup): SQL {
  // Constants from the code, never from the query text.
  const rank = sql.raw(String(lookupRank(lookup)));
  switch (lookup.by) {
    case "msisdn":
      return sql`select ${numberCard}, ${rank} as rank, ${numberReason("Number")} as reason
        from card_numbers n where n.msisdn = ${lookup.msisdn}`;
    case "last4":
      return sql`select ${numberCard}, ${rank} as rank, ${numberReason("Last4")} as reason
        from card_numbers n where n.last4 = ${lookup.digits}`;
    case "numberFragment":
      return sql`select ${numberCard}, ${rank} as rank, ${numberReason("Fragment")} as reason
        from card_numbers n where n.national like ${`%${escapeLike(lookup.digits)}%`}`;
    case "iccid":
      return sql`select ${cardOf}, ${rank} as rank, 'iccid' as reason from cards c where c.iccid = ${lookup.iccid}`;
    case "iccidFragment":
      return sql`select ${cardOf}, ${rank} as rank, 'iccidFragment' as reason from cards c where c.iccid like ${`%${escapeLike(lookup.digits)}%`}`;
    case "cardId":
      return sql`select ${cardOf}, ${rank} as rank, 'cardId' as reason from cards c where c.id = ${lookup.id}`;
    case "customerId":
      return sql`select ${customerCards}, ${rank} as rank, 'customerId' as reason
        from customers cu left join cards c on c.customer_id = cu.id where cu.id = ${lookup.id}`;
    case "email":
      return sql`select ${customerCards}, ${rank} as rank, 'email' as reason
        from customers cu left join cards c on c.customer_id = cu.id where cu.email = ${lookup.email}`;
    case "ticket":
      // A ticket reference on any write finds the customer it concerned (audit_log_ticket_ref).
      return sql`select ${customerCards}, ${rank} as rank, 'ticket' as reason
        from customers cu left join cards c on c.customer_id = cu.id
        where cu.id in (select a.customer_id from audit_log a where upper(a.ticket_ref) = upper(${lookup.ref}) and a.ticket_ref is not null)`;
    case "renewal":
      return sql`select ${renewalCard}, ${rank} as rank, 'renewal' as reason
        from renewals r join cards c on c.id = r.card_id where r.id = ${lookup.id}`;
    case "paymentReference":
      // payments_method_reference_key: one index probe per electronic method.
      return sql`select ${renewalCard}, ${rank} as rank, 'paymentReference' as reason
        from payments p join renewals r on r.id = p.renewal_id join cards c on c.id = r.card_id
        where p.method in ('wechat_pay', 'alipay', 'fps', 'bank_transfer') and p.reference = ${lookup.reference}`;
    case "emailPrefix":
    case "name":
      return sql`select ${customerCards}, ${rank} as rank, ${sql.raw(`'${lookup.by}'`)} as reason
        from customers cu left join cards c on c.customer_id = cu.id where ${customerPredicate(lookup)}`;
  }
}

/**
 * Names and email beginnings can match a large share of a million customers
 * (陈, wong), so they are read in customer-id order straight off the primary
 * key and stop at the page size. Identifier lookups match a handful of rows
 * each and are ranked: exact first, then last digits, then fragments.
 */
function isCustomerScan(lookups: Lookup[]): boolean {
  return lookups.every((l) => l.by === "name" || l.by === "emailPrefix");
}

function customerScanQuery(lookups: Lookup[], after: SearchCursor | null, limit: number): SQL {
  const name = lookups.find((l) => l.by === "name");
  const predicates = lookups.map((l) => customerPredicate(l)!);
  const reason = name
    ? sql`case when ${customerPredicate(name)} then 'name' else 'emailPrefix' end`
    : sql`'emailPrefix'`;
  // Customers first, a page of them, and only then their cards: each matched
  // customer gives at least one row, so `limit` customers past the cursor's
  // own (which may have no cards left to show) always fill the page.
  const matched = sql`select cu.id, ${reason} as reason from customers cu
    where (${sql.join(predicates, sql` or `)}) ${after ? sql`and cu.id >= ${after[1]}` : sql``}
    order by cu.id limit ${limit + 1}`;
  const keyset = after ? sql`where m.id > ${after[1]} or coalesce(c.id, 0) > ${after[2]}` : sql``;
  return sql`select m.id as customer_id, c.id as card_id, null::int as renewal_id, 2 as rank, m.reason
    from (${matched}) m left join cards c on c.customer_id = m.id
    ${keyset}
    order by m.id, coalesce(c.id, 0)
    limit ${limit}`;
}

function rankedQuery(lookups: Lookup[], after: SearchCursor | null, limit: number): SQL {
  const keyset = after ? sql`where (rank, customer_id, card_key) > (${after[0]}, ${after[1]}, ${after[2]})` : sql``;
  return sql`with hits as (${sql.join(
    lookups.map((l) => sql`(${arm(l)})`),
    sql` union all `,
  )}), best as (
      select distinct on (customer_id, card_key) customer_id, card_id, card_key, renewal_id, rank, reason
      from hits order by customer_id, card_key, rank, reason
    )
    select customer_id, card_id, renewal_id, rank, reason from best ${keyset}
    order by rank, customer_id, card_key
    limit ${limit}`;
}

/** The SQL of one page of hits; exported so tests can EXPLAIN every lookup path. */
export function searchHitsQuery(lookups: Lookup[], after: SearchCursor | null, limit: number): SQL {
  return isCustomerScan(lookups) ? customerScanQuery(lookups, after, limit) : rankedQuery(lookups, after, limit);
}

type HitRow = {
  customer_id: number;
  card_id: number | null;
  renewal_id: number | null;
  rank: number;
  reason: MatchReason;
};

async function hits(lookups: Lookup[], after: SearchCursor | null, limit: number, db: DbOrTx): Promise<SearchHit[]> {
  const rows = await db.execute<HitRow>(searchHitsQuery(lookups, after, limit));
  return rows.map((r) => ({
    rank: Number(r.rank),
    reason: r.reason,
    customerId: Number(r.customer_id),
    cardId: r.card_id === null ? null : Number(r.card_id),
    renewalId: r.renewal_id === null ? null : Number(r.renewal_id),
  }));
}

export interface SearchResult extends SearchHit {
  nameZh: string | null;
  nameEn: string | null;
  card: CardSummary | null;
}

/**
 * A keyset page of search results with everything a result line shows.
 * Three queries whatever the page or table size: hits, card summaries (two).
 */
export async function searchCustomers(
  params: { lookups: Lookup[]; after?: SearchCursor | null; limit: number; now?: Date },
  db: DbOrTx = defaultDb,
): Promise<{ items: SearchResult[]; next: SearchCursor | null }> {
  if (params.lookups.length === 0) return { items: [], next: null };
  const found = await hits(params.lookups, params.after ?? null, params.limit + 1, db);
  const page = found.slice(0, params.limit);
  const cardIds = page.flatMap((h) => (h.cardId === null ? [] : [h.cardId]));
  const cardless = page.filter((h) => h.cardId === null).map((h) => h.customerId);
  const [summaries, names] = await Promise.all([
    getCardSummaries(cardIds, { now: params.now }, db),
    cardless.length
      ? db
          .select({ id: customers.id, nameZh: customers.nameZh, nameEn: customers.nameEn })
          .from(customers)
          .where(inArray(customers.id, cardless))
      : [],
  ]);
  const cardById = new Map(summaries.map((s) => [s.cardId, s]));
  const nameById = new Map(names.map((n) => [n.id, n]));
  const items = page.map((hit): SearchResult => {
    const card = hit.cardId === null ? null : (cardById.get(hit.cardId) ?? null);
    const name = card ?? nameById.get(hit.customerId);
    return { ...hit, nameZh: name?.nameZh ?? null, nameEn: name?.nameEn ?? null, card };
  });
  const last = page.at(-1);
  return { items, next: found.length > params.limit && last ? [last.rank, last.customerId, last.cardId ?? 0] : null };
}

/** How many results, counted no further than `cap` so a common name never costs a full count. */
export async function countSearchResults(
  lookups: Lookup[],
  cap: number,
  db: DbOrTx = defaultDb,
): Promise<{ count: number; more: boolean }> {
  if (lookups.length === 0) return { count: 0, more: false };
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (${searchHitsQuery(lookups, null, cap + 1)}) x`,
  );
  const n = Number(row?.n ?? 0);
  return { count: Math.min(n, cap), more: n > cap };
}
