/** Hong Kong has been UTC+8 with no daylight saving since 1979. */
export const HK_TIME_ZONE = "Asia/Hong_Kong";
export const HK_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The Hong Kong calendar day of an instant, as YYYY-MM-DD. */
export function hkDay(instant: Date): string {
  return new Date(instant.getTime() + HK_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00.000 Hong Kong time on a calendar day (YYYY-MM-DD). */
export function hkStartOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - HK_OFFSET_MS);
}

/** 23:59:59 Hong Kong time on a calendar day: where validity ends. */
export function hkEndOfDay(day: string): Date {
  return new Date(hkStartOfDay(day).getTime() + DAY_MS - 1000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
