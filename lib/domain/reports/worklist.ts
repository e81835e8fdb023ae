import { addDays, hkDay, hkEndOfDay, DAY_MS } from "@/lib/domain/time";
import { daysBetween } from "@/lib/domain/reports/range";

/** Expiring within 1 / 3 / 7 / 30 Hong Kong calendar days (today counts as the first), or in grace now. */
export const worklistWindows = ["1", "3", "7", "30", "grace"] as const;
export type WorklistWindow = (typeof worklistWindows)[number];

export const worklistSorts = ["end", "-end"] as const;
export type WorklistSort = (typeof worklistSorts)[number];

export function parseWindow(value: string | undefined): WorklistWindow {
  return (worklistWindows as readonly string[]).includes(value ?? "") ? (value as WorklistWindow) : "7";
}

export function parseSort(value: string | undefined): WorklistSort {
  return value === "-end" ? "-end" : "end";
}

/**
 * The validity ends a window covers, both inclusive. Active means now is at
 * or before the validity end; grace means it ended less than the grace window ago.
 */
export function windowBounds(window: WorklistWindow, now: Date, graceDays: number): { from: Date; to: Date } {
  if (window === "grace")
    return { from: new Date(now.getTime() - graceDays * DAY_MS), to: new Date(now.getTime() - 1) };
  return { from: now, to: hkEndOfDay(addDays(hkDay(now), Number(window) - 1)) };
}

/**
 * The narrowest window a card falls in now, which is the threshold a reminder
 * is sent under: a card gets at most one reminder per threshold per validity
 * end. Null when no reminder is due (more than 30 days left, or lapsed).
 */
export function reminderThreshold(validityEnd: Date, now: Date, graceDays: number): WorklistWindow | null {
  if (validityEnd.getTime() < now.getTime())
    return validityEnd.getTime() + graceDays * DAY_MS >= now.getTime() ? "grace" : null;
  const daysAhead = daysBetween(hkDay(now), hkDay(validityEnd));
  return (["1", "3", "7", "30"] as const).find((w) => daysAhead <= Number(w) - 1) ?? null;
}

const STORED_INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?\+00$/;

/** A worklist cursor is [validity end as PostgreSQL printed it, card id]; anything else is ignored. */
export function worklistCursor(values: (string | number)[] | null): { validityEnd: string; cardId: number } | null {
  if (!values || values.length !== 2) return null;
  const [validityEnd, cardId] = values;
  if (typeof validityEnd !== "string" || !STORED_INSTANT.test(validityEnd)) return null;
  if (typeof cardId !== "number" || !Number.isSafeInteger(cardId) || cardId <= 0) return null;
  return { validityEnd, cardId };
}
