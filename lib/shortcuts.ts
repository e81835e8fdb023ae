/**
 * The console's single-key shortcuts, as pure data and rules, so the
 * keyboard model is testable without a browser. The listener lives in
 * components/palette/shortcut-keys.tsx.
 */

export type ShortcutId =
  "palette" | "search" | "help" | "goCustomers" | "goPlans" | "goReports" | "goWorklist" | "renew";

export interface Shortcut {
  id: ShortcutId;
  /** What the overlay shows, key by key ("Ctrl K" is shown as ⌘K on a Mac). */
  keys: string[];
  /** Where a "go" shortcut leads. */
  href?: string;
}

export const SHORTCUTS: Shortcut[] = [
  { id: "palette", keys: ["Ctrl", "K"] },
  { id: "search", keys: ["/"] },
  { id: "help", keys: ["?"] },
  { id: "goCustomers", keys: ["g", "c"], href: "/customers" },
  { id: "goPlans", keys: ["g", "p"], href: "/plans" },
  { id: "goReports", keys: ["g", "r"], href: "/reports" },
  { id: "goWorklist", keys: ["g", "w"], href: "/reports/expiring" },
  { id: "renew", keys: ["r"] },
];

/** How long the second key of a sequence (g then c) may wait. */
export const SEQUENCE_TIMEOUT_MS = 1200;

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** True while an input method (Chinese, Japanese …) is composing. */
  isComposing?: boolean;
  /** 229 is what browsers report for keys an IME consumed. */
  keyCode?: number;
}

export interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  /** e.g. role="combobox" on a custom field. */
  role?: string | null;
}

const EDITABLE_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const EDITABLE_ROLES = new Set(["textbox", "combobox", "searchbox", "spinbutton"]);

/** True where typed characters belong to a field, never to a shortcut. */
export function isEditableTarget(target: TargetLike | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (target.tagName && EDITABLE_TAGS.has(target.tagName.toUpperCase())) return true;
  return Boolean(target.role && EDITABLE_ROLES.has(target.role));
}

/** The palette's own chord: Ctrl+K, or ⌘K on a Mac. It works from fields too, but never mid-composition. */
export function isPaletteChord(event: KeyLike): boolean {
  return (
    !event.isComposing &&
    event.keyCode !== 229 &&
    !event.altKey &&
    (event.ctrlKey || event.metaKey) === true &&
    event.key.toLowerCase() === "k"
  );
}

/**
 * Single keys and sequences: nothing fires while typing in a field, during an
 * IME composition (the flag, the event's own isComposing, or keyCode 229), or
 * with Ctrl/⌘/Alt held (those belong to the browser).
 */
export function isShortcutKey(event: KeyLike, target: TargetLike | null | undefined, composing: boolean): boolean {
  if (composing || event.isComposing || event.keyCode === 229) return false;
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  if (isEditableTarget(target)) return false;
  return event.key.length === 1;
}

/**
 * Feeds keys in and says which shortcut a key completes, if any. A "g" waits
 * for its second key until the timeout; any other key ends the wait.
 */
export function createShortcutMatcher(options: { onCardPage: () => boolean }) {
  let pending: { key: string; at: number } | null = null;
  return function match(key: string, now: number): ShortcutId | null {
    if (pending && now - pending.at <= SEQUENCE_TIMEOUT_MS) {
      const first = pending.key;
      pending = null;
      const found = SHORTCUTS.find((s) => s.keys.length === 2 && s.keys[0] === first && s.keys[1] === key);
      if (found) return found.id;
    }
    pending = null;
    if (key === "g") {
      pending = { key, at: now };
      return null;
    }
    if (key === "?") return "help";
    if (key === "r" && options.onCardPage()) return "renew";
    return null;
  };
}
