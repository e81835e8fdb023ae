"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { parseRecent, recentStorageKey, rememberRecent, type RecentCustomer } from "@/lib/recent-customers";

/** One thing the palette can do for the card on screen. */
export interface CardAction {
  id: string;
  label: string;
  href: string;
  /** A hint shown at the right ("R"). */
  shortcut?: string;
}

/** What a card page tells the palette and the shortcuts about itself. */
export interface CardContext {
  cardId: number;
  title: string;
  renewHref: string | null;
  actions: CardAction[];
}

interface PaletteState {
  staffId: number;
  role: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  card: CardContext | null;
  setCard: (card: CardContext | null) => void;
  recent: RecentCustomer[];
  remember: (visit: Omit<RecentCustomer, "at">) => void;
}

const PaletteContext = createContext<PaletteState | null>(null);

const RECENT_EVENT = "renewal-desk:recent-customers";
const EMPTY: RecentCustomer[] = [];

function useRecent(staffId: number) {
  const key = recentStorageKey(staffId);
  const subscribe = useCallback((notify: () => void) => {
    window.addEventListener("storage", notify);
    window.addEventListener(RECENT_EVENT, notify);
    return () => {
      window.removeEventListener("storage", notify);
      window.removeEventListener(RECENT_EVENT, notify);
    };
  }, []);
  const raw = useSyncExternalStore(
    subscribe,
    () => {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    () => null,
  );
  const recent = useMemo(() => (raw ? parseRecent(raw) : EMPTY), [raw]);
  const remember = useCallback(
    (visit: Omit<RecentCustomer, "at">) => {
      try {
        const next = rememberRecent(parseRecent(window.localStorage.getItem(key)), { ...visit, at: Date.now() });
        window.localStorage.setItem(key, JSON.stringify(next));
        window.dispatchEvent(new Event(RECENT_EVENT));
      } catch {
        // Private mode or a full quota: recent customers are a convenience only.
      }
    },
    [key],
  );
  return { recent, remember };
}

export function PaletteProvider({
  staffId,
  role,
  children,
}: {
  staffId: number;
  role: string;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [card, setCard] = useState<CardContext | null>(null);
  const { recent, remember } = useRecent(staffId);
  const value = useMemo(
    () => ({ staffId, role, open, setOpen, helpOpen, setHelpOpen, card, setCard, recent, remember }),
    [staffId, role, open, helpOpen, card, recent, remember],
  );
  return <PaletteContext.Provider value={value}>{children}</PaletteContext.Provider>;
}

export function usePalette(): PaletteState {
  const state = useContext(PaletteContext);
  if (!state) throw new Error("usePalette needs a PaletteProvider (the console shell)");
  return state;
}

/**
 * Rendered by a card page: gives the palette its actions and `r` its target
 * while the page is on screen, and records the visit as a recent customer.
 */
export function CardPaletteContext({ card, visit }: { card: CardContext; visit: Omit<RecentCustomer, "at"> }) {
  const { setCard, remember } = usePalette();
  const cardKey = JSON.stringify(card);
  useEffect(() => {
    setCard(JSON.parse(cardKey) as CardContext);
    return () => setCard(null);
  }, [cardKey, setCard]);
  const visitKey = JSON.stringify(visit);
  useEffect(() => {
    remember(JSON.parse(visitKey) as Omit<RecentCustomer, "at">);
  }, [visitKey, remember]);
  return null;
}

/** Rendered by a customer page: records the visit. */
export function RememberCustomer({ visit }: { visit: Omit<RecentCustomer, "at"> }) {
  const { remember } = usePalette();
  const visitKey = JSON.stringify(visit);
  useEffect(() => {
    remember(JSON.parse(visitKey) as Omit<RecentCustomer, "at">);
  }, [visitKey, remember]);
  return null;
}
