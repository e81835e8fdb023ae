const DAY = 86_400_000;

/** 23:59:59 Hong Kong time, `days` from today's Hong Kong date: where validity ends. */
export function hkEnd(days: number): Date {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return new Date(Date.parse(`${today}T15:59:59.000Z`) + days * DAY);
}
