/** The customers a staff member opened last, newest first; kept in their browser under their own staff id. */
export interface RecentCustomer {
  customerId: number;
  cardId: number | null;
  name: string;
  href: string;
  /** Epoch milliseconds of the visit. */
  at: number;
}

export const RECENT_MAX = 8;

export const recentStorageKey = (staffId: number) => `renewal-desk:recent-customers:${staffId}`;

/** One visit: the customer moves to the top (once), the list keeps the newest `max`. */
export function rememberRecent(list: RecentCustomer[], visit: RecentCustomer, max = RECENT_MAX): RecentCustomer[] {
  return [visit, ...list.filter((r) => r.customerId !== visit.customerId)].slice(0, max);
}

const isVisit = (value: unknown): value is RecentCustomer => {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(v.customerId) &&
    (v.cardId === null || Number.isSafeInteger(v.cardId)) &&
    typeof v.name === "string" &&
    typeof v.href === "string" &&
    v.href.startsWith("/customers/") &&
    typeof v.at === "number"
  );
};

/** Reads what was stored, dropping anything malformed (an old format, a hand edit) instead of failing. */
export function parseRecent(stored: string | null): RecentCustomer[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter(isVisit).slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}
