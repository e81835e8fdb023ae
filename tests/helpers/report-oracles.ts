import type postgres from "postgres";
import { addDays, DAY_MS, hkEndOfDay, hkStartOfDay } from "@/lib/domain/time";

/**
 * What the report's lapsed, grace and expirations-ahead figures must equal:
 * the raw cards and renewals counted directly, with none of the rollups the
 * report reads. Shared by the tests that prove the report and its rollups.
 */

/** Cards whose grace closed on each Hong Kong day of the range, before `now`. */
export async function rawLapsedCards(
  sql: postgres.Sql,
  range: { from: string; to: string },
  { now, graceDays }: { now: Date; graceDays: number },
) {
  const closes = sql`(validity_end + ${graceDays}::int * interval '1 day')`;
  return [
    ...(await sql<{ day: string; cards: number }[]>`
      select (${closes} at time zone 'Asia/Hong_Kong')::date::text as day, count(*)::int as cards
      from cards where ${closes} < ${now.toISOString()}
        and ${closes} >= ${hkStartOfDay(range.from).toISOString()}
        and ${closes} < ${hkStartOfDay(addDays(range.to, 1)).toISOString()}
      group by 1`),
  ];
}

/** Cards not suspended whose validity ended within the grace window before `now`. */
export async function rawCardsInGrace(sql: postgres.Sql, { now, graceDays }: { now: Date; graceDays: number }) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from cards
    where suspended_at is null and validity_end < ${now.toISOString()}
      and validity_end >= ${new Date(now.getTime() - graceDays * DAY_MS).toISOString()}`;
  return row!.n;
}

/** Over the `days` Hong Kong days from today: cards ending each day, and live renewals whose previous end fell on it. */
export async function rawExpirationsAhead(
  sql: postgres.Sql,
  { now, days, today }: { now: Date; days: number; today: string },
) {
  const windowEnd = hkEndOfDay(addDays(today, days - 1)).toISOString();
  const notYet = await sql<{ day: string; cards: number }[]>`
    select (validity_end at time zone 'Asia/Hong_Kong')::date::text as day, count(*)::int as cards
    from cards where validity_end > ${now.toISOString()} and validity_end <= ${windowEnd} group by 1`;
  const renewed = await sql<{ day: string; cards: number }[]>`
    select (previous_validity_end at time zone 'Asia/Hong_Kong')::date::text as day, count(*)::int as cards
    from renewals where status <> 'voided' and previous_validity_end > ${now.toISOString()}
      and previous_validity_end <= ${windowEnd} group by 1`;
  return { notYet: [...notYet], renewed: [...renewed] };
}
