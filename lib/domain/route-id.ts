/** PostgreSQL's integer (int4) ceiling: every id column is int4. */
export const INT4_MAX = 2_147_483_647;

/** A positive 32-bit id from a route segment ("/plans/42"), or null for anything else. */
export function routeId(segment: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(segment)) return null;
  const id = Number(segment);
  return id <= INT4_MAX ? id : null;
}
