import { describe, expect, it } from "vitest";
import {
  createShortcutMatcher,
  isEditableTarget,
  isPaletteChord,
  isShortcutKey,
  SEQUENCE_TIMEOUT_MS,
} from "@/lib/shortcuts";

const body = { tagName: "BODY" };

describe("shortcut keys", () => {
  it("fire on the page, never while typing in a field", () => {
    expect(isShortcutKey({ key: "g" }, body, false)).toBe(true);
    for (const tagName of ["INPUT", "TEXTAREA", "SELECT", "input"]) {
      expect(isShortcutKey({ key: "g" }, { tagName }, false)).toBe(false);
    }
    expect(isShortcutKey({ key: "g" }, { tagName: "DIV", isContentEditable: true }, false)).toBe(false);
    expect(isShortcutKey({ key: "g" }, { tagName: "DIV", role: "combobox" }, false)).toBe(false);
  });

  it("never fire during an IME composition, whichever way the browser reports it", () => {
    expect(isShortcutKey({ key: "g" }, body, true)).toBe(false);
    expect(isShortcutKey({ key: "g", isComposing: true }, body, false)).toBe(false);
    expect(isShortcutKey({ key: "Process", keyCode: 229 }, body, false)).toBe(false);
    expect(isPaletteChord({ key: "k", ctrlKey: true, isComposing: true })).toBe(false);
  });

  it("leave Ctrl, ⌘ and Alt combinations to the browser, except the palette's Ctrl+K / ⌘K", () => {
    expect(isShortcutKey({ key: "r", ctrlKey: true }, body, false)).toBe(false);
    expect(isShortcutKey({ key: "r", metaKey: true }, body, false)).toBe(false);
    expect(isShortcutKey({ key: "r", altKey: true }, body, false)).toBe(false);
    expect(isShortcutKey({ key: "Enter" }, body, false)).toBe(false);
    expect(isPaletteChord({ key: "k", ctrlKey: true })).toBe(true);
    expect(isPaletteChord({ key: "K", metaKey: true })).toBe(true);
    expect(isPaletteChord({ key: "k" })).toBe(false);
    expect(isPaletteChord({ key: "k", ctrlKey: true, altKey: true })).toBe(false);
  });

  it("treats buttons and links as the page, not as fields", () => {
    expect(isEditableTarget({ tagName: "BUTTON" })).toBe(false);
    expect(isEditableTarget({ tagName: "A" })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});

describe("shortcut sequences", () => {
  it("complete g c, g p, g r and g w within the timeout", () => {
    const match = createShortcutMatcher({ onCardPage: () => false });
    expect(match("g", 0)).toBeNull();
    expect(match("c", 100)).toBe("goCustomers");
    expect(match("g", 1000)).toBeNull();
    expect(match("p", 1100)).toBe("goPlans");
    expect(match("g", 2000)).toBeNull();
    expect(match("r", 2100)).toBe("goReports");
    expect(match("g", 3000)).toBeNull();
    expect(match("w", 3100)).toBe("goWorklist");
  });

  it("forget a g after the timeout or another key", () => {
    const match = createShortcutMatcher({ onCardPage: () => false });
    expect(match("g", 0)).toBeNull();
    expect(match("c", SEQUENCE_TIMEOUT_MS + 1)).toBeNull();
    expect(match("g", 5000)).toBeNull();
    expect(match("x", 5100)).toBeNull();
    expect(match("c", 5200)).toBeNull();
  });

  it("renews with r on a card page only, and opens help with ?", () => {
    let onCard = false;
    const match = createShortcutMatcher({ onCardPage: () => onCard });
    expect(match("r", 0)).toBeNull();
    onCard = true;
    expect(match("r", 10)).toBe("renew");
    expect(match("?", 20)).toBe("help");
  });
});
