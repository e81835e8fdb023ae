const MAX_ID = 2_147_483_647;

/**
 * A row id from a URL (route segment or cursor): digits only, no leading zero,
 * within PostgreSQL's integer range. Anything else is null, so a malformed id
 * becomes a not-found page rather than a database error.
 */
export function parseId(value: unknown): number | null {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_ID ? id : null;
}
