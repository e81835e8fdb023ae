"use client";

import { Command } from "cmdk";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { CardStateBadge } from "@/components/cards/card-state-badge";
import { cn } from "@/components/ui/cn";
import { useNavigate } from "@/components/layout/route-progress";
import type { ActionResult } from "@/lib/action";
import type { CardState } from "@/lib/domain/card-state";
import { classifySearch, SEARCH_MAX_LENGTH } from "@/lib/domain/search-classifier";
import { isPaletteChord, SHORTCUTS } from "@/lib/shortcuts";
import { usePalette } from "./palette-context";

/** What the palette shows of a search hit; the header search box's own result lines fit it. */
export interface PaletteHit {
  key: string;
  href: string;
  customerId: number;
  cardId: number | null;
  nameZh: string | null;
  nameEn: string | null;
  state: CardState | null;
  numbers: string[];
}

export type PaletteSearch = (input: { q: string }) => Promise<ActionResult<PaletteHit[]>>;

const DEBOUNCE_MS = 150;
const RENEWABLE: (CardState | null)[] = ["active", "grace"];

type Status =
  { kind: "idle" } | { kind: "loading" } | { kind: "done"; hits: PaletteHit[] } | { kind: "failed"; message?: string };

interface Entry {
  id: string;
  label: string;
  href: string;
  keywords?: string[];
  shortcut?: string;
}

const itemClass =
  "flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm text-slate-800 data-[selected=true]:bg-brand-50 data-[selected=true]:text-slate-900";
const headingClass =
  "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-3 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-600";

const matches = (entry: Entry, text: string) => {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [entry.label, ...(entry.keywords ?? [])].some((s) => s.toLowerCase().includes(needle));
};

function hitName(hit: PaletteHit) {
  return [hit.nameZh, hit.nameEn].filter(Boolean).join(" · ");
}

/**
 * ⌘K / Ctrl+K: one box for everything. Anything the header search takes goes
 * through the same server action; pages, the current card's actions and
 * recent customers are filtered as you type. Enter opens, Escape closes.
 */
export function CommandPalette({
  search,
  canManageStaff,
  canReconcile = false,
}: {
  search: PaletteSearch;
  canManageStaff: boolean;
  /** Supervisors and admins: settlement files and the daily close. */
  canReconcile?: boolean;
}) {
  const t = useTranslations("palette");
  const nav = useTranslations("nav");
  const { open, setOpen, card, recent } = usePalette();
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Ctrl+K / ⌘K toggles from anywhere, fields included (it types nothing), never mid-composition.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isPaletteChord(event)) return;
      event.preventDefault();
      setOpen(!dialog.current?.open);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [setOpen]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      input.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function reset() {
    clearTimeout(timer.current);
    latest.current++;
    setText("");
    setStatus({ kind: "idle" });
  }

  function onText(next: string) {
    setText(next);
    clearTimeout(timer.current);
    const request = ++latest.current;
    const classified = classifySearch(next);
    if (!classified.ok) {
      setStatus({ kind: "idle" });
      return;
    }
    setStatus({ kind: "loading" });
    timer.current = setTimeout(async () => {
      try {
        const result = await search({ q: next });
        if (request !== latest.current) return;
        setStatus(result.ok ? { kind: "done", hits: result.data } : { kind: "failed", message: result.message });
      } catch {
        if (request === latest.current) setStatus({ kind: "failed" });
      }
    }, DEBOUNCE_MS);
  }

  function go(href: string) {
    setOpen(false);
    reset();
    navigate(href);
  }

  const pages: Entry[] = useMemo(
    () =>
      [
        {
          id: "page-customers",
          label: nav("customers"),
          href: "/customers",
          shortcut: "G C",
          keywords: ["customers", "客户", "客戶"],
        },
        { id: "page-plans", label: nav("plans"), href: "/plans", shortcut: "G P", keywords: ["plans", "套餐"] },
        {
          id: "page-reports",
          label: nav("reports"),
          href: "/reports",
          shortcut: "G R",
          keywords: ["reports", "报表", "報表"],
        },
        {
          id: "page-worklist",
          label: nav("worklist"),
          href: "/reports/expiring",
          shortcut: "G W",
          keywords: ["worklist", "expiring"],
        },
        { id: "page-drawer", label: nav("drawer"), href: "/drawer", keywords: ["cash", "drawer", "现金", "現金"] },
        ...(canReconcile
          ? [
              {
                id: "page-reconciliation",
                label: nav("reconciliation"),
                href: "/reconciliation",
                keywords: ["reconciliation", "settlement", "对账", "對賬"],
              },
            ]
          : []),
        ...(canManageStaff
          ? [{ id: "page-staff", label: nav("staff"), href: "/staff", keywords: ["staff", "员工", "員工"] }]
          : []),
      ] satisfies Entry[],
    [nav, canManageStaff, canReconcile],
  );
  const cardEntries: Entry[] = (card?.actions ?? []).map((a) => ({ ...a, id: `card-${a.id}` }));
  const recentEntries: Entry[] = recent.map((r) => ({
    id: `recent-${r.customerId}`,
    label: r.name,
    href: r.href,
    keywords: [String(r.customerId), ...(r.cardId ? [String(r.cardId)] : [])],
  }));
  const hits = status.kind === "done" ? status.hits : [];
  const shownCard = cardEntries.filter((e) => matches(e, text));
  const shownRecent = text.trim() ? recentEntries.filter((e) => matches(e, text)) : recentEntries;
  const shownPages = pages.filter((e) => matches(e, text));
  const nothing =
    status.kind !== "loading" && !hits.length && !shownCard.length && !shownRecent.length && !shownPages.length;

  return (
    <dialog
      ref={dialog}
      aria-label={t("title")}
      onClose={() => {
        setOpen(false);
        reset();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog itself, outside its panel) closes it.
        if (event.target === dialog.current) setOpen(false);
      }}
      className="mx-auto mt-[12vh] w-[min(40rem,calc(100vw-1.5rem))] rounded-lg bg-white p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      {/* Built when opened: a closed palette sends no markup with every page. */}
      {open ? (
        <Command shouldFilter={false} loop label={t("title")} className="flex max-h-[70vh] flex-col">
          <div className="border-b border-slate-200 p-2">
            <Command.Input
              ref={input}
              value={text}
              onValueChange={onText}
              maxLength={SEARCH_MAX_LENGTH * 4}
              placeholder={t("placeholder")}
              aria-label={t("inputLabel")}
              className="w-full rounded-md px-3 py-2 text-base outline-none placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-600"
            />
          </div>
          <Command.List className="overflow-y-auto p-2" aria-label={t("results")}>
            {status.kind === "loading" ? (
              <Command.Loading>
                <p className="px-3 py-2 text-sm text-slate-600">{t("searching")}</p>
              </Command.Loading>
            ) : null}
            {status.kind === "failed" ? (
              <p role="alert" className="px-3 py-2 text-sm text-red-700">
                {status.message ?? t("failed")}
              </p>
            ) : null}
            {hits.length ? (
              <Command.Group heading={t("groups.matches")} className={headingClass}>
                {hits.map((hit) => (
                  <HitItems key={hit.key} hit={hit} go={go} />
                ))}
              </Command.Group>
            ) : null}
            {card ? <EntryGroup heading={t("groups.card", { title: card.title })} entries={shownCard} go={go} /> : null}
            <EntryGroup heading={t("groups.recent")} entries={shownRecent} go={go} />
            <EntryGroup heading={t("groups.pages")} entries={shownPages} go={go} />
            {nothing ? <p className="px-3 py-6 text-center text-sm text-slate-600">{t("empty")}</p> : null}
          </Command.List>
          <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
            {t("footer", { help: SHORTCUTS.find((s) => s.id === "help")!.keys.join(" ") })}
          </p>
        </Command>
      ) : null}
    </dialog>
  );
}

/** The card's actions, recent customers or pages: each entry a label, and its shortcut when it has one. */
function EntryGroup({ heading, entries, go }: { heading: string; entries: Entry[]; go: (href: string) => void }) {
  if (!entries.length) return null;
  return (
    <Command.Group heading={heading} className={headingClass}>
      {entries.map((entry) => (
        <Command.Item key={entry.id} value={entry.id} onSelect={() => go(entry.href)} className={itemClass}>
          <span className="truncate">{entry.label}</span>
          {entry.shortcut ? (
            <kbd className="rounded border border-slate-300 px-1.5 text-xs font-medium text-slate-600">
              {entry.shortcut}
            </kbd>
          ) : null}
        </Command.Item>
      ))}
    </Command.Group>
  );
}

function HitItems({ hit, go }: { hit: PaletteHit; go: (href: string) => void }) {
  const t = useTranslations("palette");
  const name = hitName(hit) || t("noName");
  return (
    <>
      <Command.Item value={`hit-${hit.key}`} onSelect={() => go(hit.href)} className={itemClass}>
        <span className="min-w-0">
          <span className="block truncate font-medium">{name}</span>
          <span className="block truncate text-xs text-slate-600">
            {hit.cardId ? t("card", { id: hit.cardId }) : t("noCard")}
            {hit.numbers.length ? ` · ${hit.numbers.join(" · ")}` : ""}
          </span>
        </span>
        {hit.state ? <CardStateBadge state={hit.state} /> : null}
      </Command.Item>
      {hit.cardId && RENEWABLE.includes(hit.state) ? (
        <Command.Item
          value={`renew-same-${hit.key}`}
          onSelect={() => go(`${hit.href}/renew?plan=same`)}
          className={cn(itemClass, "pl-8")}
        >
          <span>{t("renewSame", { id: hit.cardId })}</span>
        </Command.Item>
      ) : null}
    </>
  );
}
