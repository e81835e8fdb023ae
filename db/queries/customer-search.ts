import { inArray, sql, type SQL } from "drizzle-orm";
import { readDb as defaultDb, type DbOrTx } from "@/db";
import {
  lookupRank,
  searchTiers,
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
// A number's customer is read only for the page's rows (by the cards primary key at the end), so
// a last-4 search that matches hundreds of numbers sorts them by card id without touching cards.
const numberCard = sql`null::int as customer_id, n.card_id, n.card_id as card_key, null::int as renewal_id`;
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

/** What the statement counts, no further than the cap, with no ORDER BY so it stops at cap + 1 rows. */
function cappedCount(source: SQL, cap: number | null): SQL {
  return cap === null
    ? sql`select null::int as total`
    : sql`select count(*)::int as total from (${source} limit ${cap + 1}) counted`;
}

function customerScanQuery(lookups: Lookup[], after: SearchCursor | null, limit: number, cap: number | null): SQL {
  const name = lookups.find((l) => l.by === "name");
  const predicates = sql.join(
    lookups.map((l) => customerPredicate(l)!),
    sql` or `,
  );
  const reason = name
    ? sql`case when ${customerPredicate(name)} then 'name' else 'emailPrefix' end`
    : sql`'emailPrefix'`;
  // Customers first, in id order off the primary key, and only then their
  // cards: each matched customer gives at least one row, so `limit` customers
  // past the cursor's own (which may have no cards left to show) fill the page.
  // The first page reads up to the count's cap of them in the same scan, so
  // counting costs no second search; later pages count from the top apart.
  const scan = (from: SearchCursor | null, take: number) => sql`select cu.id, ${reason} as reason from customers cu
    where (${predicates}) ${from ? sql`and cu.id >= ${from[1]}` : sql``}
    order by cu.id limit ${take}`;
  const take = cap === null || after ? limit + 1 : Math.max(limit, cap) + 1;
  const keyset = after ? sql`where m.id > ${after[1]} or coalesce(c.id, 0) > ${after[2]}` : sql``;
  const rowsOf = (customers: SQL) =>
    sql`select 1 from (${customers}) m left join cards c on c.customer_id = m.id limit ${(cap ?? 0) + 1}`;
  const counted =
    cap === null
      ? sql`select null::int as total`
      : sql`select count(*)::int as total from (${rowsOf(after ? scan(null, cap + 1) : sql`select id from matched`)}) counted`;
  return sql`with matched as (${scan(after, take)}),
    page as (
      select m.id as customer_id, c.id as card_id, null::int as renewal_id, 2 as rank, m.reason,
        m.id as sort1, coalesce(c.id, 0) as sort2
      from (select * from matched order by id limit ${limit + 1}) m left join cards c on c.customer_id = m.id
      ${keyset}
      order by m.id, coalesce(c.id, 0)
      limit ${limit}
    )
    select t.total, p.customer_id, p.card_id, p.renewal_id, p.rank, p.reason
    from (${counted}) t left join page p on true
    order by p.sort1, p.sort2`;
}

/**
 * Identifier hits sorted by (rank, card id): a card's customer is looked up
 * for the page's rows only. Customers without a card sort by their id among
 * the card-less rows (card key 0).
 */
function rankedQuery(lookups: Lookup[], after: SearchCursor | null, limit: number, cap: number | null): SQL {
  const keyset = after
    ? sql`where (rank, card_key, cardless_key) > (${after[0]}, ${after[2]}, ${after[2] === 0 ? after[1] : 0})`
    : sql``;
  return sql`with hits as (${sql.join(
    lookups.map((l) => sql`(${arm(l)})`),
    sql` union all `,
  )}), best as (
      select distinct on (card_key, cardless_key) customer_id, card_id, card_key, cardless_key, renewal_id, rank, reason
      from (select h.*, case when h.card_key = 0 then h.customer_id else 0 end as cardless_key from hits h) h
      order by card_key, cardless_key, rank, reason
    ), page as (
      select * from best ${keyset}
      order by rank, card_key, cardless_key
      limit ${limit}
    )
    select t.total, coalesce(p.customer_id, c.customer_id) as customer_id, p.card_id, p.renewal_id, p.rank, p.reason
    from (${cappedCount(sql`select 1 from best`, cap)}) t
    left join page p on true
    left join cards c on c.id = p.card_id
    order by p.rank, p.card_key, p.cardless_key`;
}

/**
 * The SQL of one page of hits, with the capped count of all of them in the
 * same statement; exported so tests can EXPLAIN every lookup path.
 */
export function searchHitsQuery(
  lookups: Lookup[],
  after: SearchCursor | null,
  limit: number,
  countCap: number | null = null,
): SQL {
  return isCustomerScan(lookups)
    ? customerScanQuery(lookups, after, limit, countCap)
    : rankedQuery(lookups, after, limit, countCap);
}

type HitRow = {
  total: number | null;
  customer_id: number | null;
  card_id: number | null;
  renewal_id: number | null;
  rank: number | null;
  reason: MatchReason | null;
};

export interface SearchCount {
  count: number;
  more: boolean;
}

async function tierPage(
  lookups: Lookup[],
  after: SearchCursor | null,
  limit: number,
  countCap: number | null,
  db: DbOrTx,
): Promise<{ hits: SearchHit[]; total: SearchCount | null }> {
  const rows = await db.execute<HitRow>(searchHitsQuery(lookups, after, limit, countCap));
  const hits = rows.flatMap((r): SearchHit[] =>
    r.rank === null || r.customer_id === null
      ? []
      : [
          {
            rank: Number(r.rank),
            reason: r.reason!,
            customerId: Number(r.customer_id),
            cardId: r.card_id === null ? null : Number(r.card_id),
            renewalId: r.renewal_id === null ? null : Number(r.renewal_id),
          },
        ],
  );
  const n = rows[0]?.total;
  const total =
    countCap === null || n === null || n === undefined
      ? null
      : { count: Math.min(Number(n), countCap), more: Number(n) > countCap };
  return { hits, total };
}

/**
 * A keyset page of hits, one statement per tier: the exact identifiers, and
 * only when they matched nothing the partial ones (last digits, fragments,
 * names). With `countCap`, the same statement counts the tier's matches up to it.
 */
export async function searchHits(
  params: { lookups: Lookup[]; after?: SearchCursor | null; limit: number; countCap?: number },
  db: DbOrTx = defaultDb,
): Promise<{ hits: SearchHit[]; next: SearchCursor | null; total: SearchCount | null }> {
  const after = params.after ?? null;
  const countCap = params.countCap ?? null;
  const { exact, partial } = searchTiers(params.lookups);
  let found: { hits: SearchHit[]; total: SearchCount | null } = {
    hits: [],
    total: countCap === null ? null : { count: 0, more: false },
  };
  if (exact.length && (after === null || after[0] === 0)) {
    found = await tierPage(exact, after, params.limit + 1, countCap, db);
  }
  // A page past the exact hits (cursor rank 0) never falls through to fragments.
  if (found.hits.length === 0 && partial.length && !(after !== null && after[0] === 0)) {
    found = await tierPage(partial, after, params.limit + 1, countCap, db);
  }
  const page = found.hits.slice(0, params.limit);
  const last = page.at(-1);
  return {
    hits: page,
    next: found.hits.length > params.limit && last ? [last.rank, last.customerId, last.cardId ?? 0] : null,
    total: found.total,
  };
}

export interface SearchResult extends SearchHit {
  nameZh: string | null;
  nameEn: string | null;
  card: CardSummary | null;
}

/** Everything a result line shows for a page of hits: card summaries (two statements), names of customers without a card. */
export async function describeHits(
  hits: SearchHit[],
  options: { now?: Date } = {},
  db: DbOrTx = defaultDb,
): Promise<SearchResult[]> {
  const cardIds = hits.flatMap((h) => (h.cardId === null ? [] : [h.cardId]));
  const cardless = hits.filter((h) => h.cardId === null).map((h) => h.customerId);
  const [summaries, names] = await Promise.all([
    getCardSummaries(cardIds, { now: options.now }, db),
    cardless.length
      ? db
          .select({ id: customers.id, nameZh: customers.nameZh, nameEn: customers.nameEn })
          .from(customers)
          .where(inArray(customers.id, cardless))
      : [],
  ]);
  const cardById = new Map(summaries.map((s) => [s.cardId, s]));
  const nameById = new Map(names.map((n) => [n.id, n]));
  return hits.map((hit): SearchResult => {
    const card = hit.cardId === null ? null : (cardById.get(hit.cardId) ?? null);
    const name = card ?? nameById.get(hit.customerId);
    return { ...hit, nameZh: name?.nameZh ?? null, nameEn: name?.nameEn ?? null, card };
  });
}

/** A keyset page of search results with everything a result line shows: three statements whatever the page or table size. */
export async function searchCustomers(
  params: { lookups: Lookup[]; after?: SearchCursor | null; limit: number; now?: Date },
  db: DbOrTx = defaultDb,
): Promise<{ items: SearchResult[]; next: SearchCursor | null }> {
  if (params.lookups.length === 0) return { items: [], next: null };
  const { hits, next } = await searchHits(params, db);
  return { items: await describeHits(hits, { now: params.now }, db), next };
}

/** How many results, counted no further than `cap` so a common name never costs a full count. */
export async function countSearchResults(lookups: Lookup[], cap: number, db: DbOrTx = defaultDb): Promise<SearchCount> {
  if (lookups.length === 0) return { count: 0, more: false };
  return (await searchHits({ lookups, limit: 0, countCap: cap }, db)).total ?? { count: 0, more: false };
}
