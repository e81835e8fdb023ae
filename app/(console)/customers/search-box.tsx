"use client";

import Form from "next/form";
import { useLocale, useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { CardStateBadge } from "@/components/cards/card-state-badge";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { classifySearch, SEARCH_MAX_LENGTH, type SearchRefusal } from "@/lib/domain/search-classifier";
import { formatHkt, type Locale } from "@/lib/domain/format";
import { suggestCustomersAction } from "./actions";
import { customerNameText } from "./customer-name";
import { MatchReasonText } from "./match-reason";
import type { ResultLine } from "./result-line";
import { localizedName } from "@/lib/domain/plan-names";

const DEBOUNCE_MS = 180;

type Status =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "done"; items: ResultLine[] }
  | { kind: "failed"; message?: string }
  | { kind: "refused"; reason: SearchRefusal };

/**
 * The header search box: a combobox whose suggestions come from a server
 * action as the agent types. Arrows move through them, Enter opens the one
 * chosen (or submits the search to /customers?q=…), Escape closes the list,
 * and "/" anywhere on the page jumps here.
 */
export function CustomerSearchBox() {
  const t = useTranslations("customers.search");
  const refusal = useTranslations("customers.refusal");
  const row = useTranslations("customers.results.row");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlQuery = pathname === "/customers" ? (searchParams.get("q") ?? "") : "";
  const listId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);

  const [value, setValue] = useState(urlQuery);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // A new page (or a new ?q=) resets the box to what the URL says.
  const [shownFor, setShownFor] = useState(`${pathname}?${urlQuery}`);
  if (shownFor !== `${pathname}?${urlQuery}`) {
    setShownFor(`${pathname}?${urlQuery}`);
    setValue(urlQuery);
    setOpen(false);
    setActive(-1);
    setStatus({ kind: "idle" });
  }

  useEffect(() => {
    function focusOnSlash(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener("keydown", focusOnSlash);
    return () => {
      document.removeEventListener("keydown", focusOnSlash);
      clearTimeout(timer.current);
    };
  }, []);

  // A suggestion still on its way when the page changes (Enter searched, a suggestion was followed) belongs to
  // the page left behind: without this it lands in the closed list, where it is stale (and hidden text to find).
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      latest.current++;
    },
    [pathname, urlQuery],
  );

  const items = status.kind === "done" ? status.items : [];
  const allResultsHref = `/customers?q=${encodeURIComponent(value.trim())}`;
  // The suggestions, then "all results", as one list the arrows walk through.
  const options = [
    ...items.map((item) => ({ id: item.key, href: item.href })),
    ...(items.length ? [{ id: "all", href: allResultsHref }] : []),
  ];
  const expanded = open && status.kind !== "idle";
  const optionId = (index: number) => `${listId}-option-${index}`;

  async function suggest(query: string, request: number) {
    try {
      const result = await suggestCustomersAction({ q: query });
      if (request !== latest.current) return;
      // e.g. "Your session has ended": the action's own answer, shown as is.
      setStatus(result.ok ? { kind: "done", items: result.data } : { kind: "failed", message: result.message });
    } catch {
      if (request === latest.current) setStatus({ kind: "failed" });
    }
  }

  function onChange(next: string) {
    setValue(next);
    setOpen(true);
    setActive(-1);
    clearTimeout(timer.current);
    const request = ++latest.current;
    const search = classifySearch(next);
    if (!search.ok) {
      setStatus(search.reason === "empty" ? { kind: "idle" } : { kind: "refused", reason: search.reason });
      return;
    }
    setStatus({ kind: "loading" });
    timer.current = setTimeout(() => void suggest(next, request), DEBOUNCE_MS);
  }

  function go(href: string) {
    setOpen(false);
    setActive(-1);
    router.push(href);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (!options.length) return;
        event.preventDefault();
        setOpen(true);
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive(
          (current) => (current + step + options.length + (current === -1 && step === -1 ? 1 : 0)) % options.length,
        );
        return;
      }
      case "Enter": {
        const chosen = expanded && active >= 0 ? options[active] : undefined;
        if (chosen) {
          event.preventDefault();
          go(chosen.href);
        } else {
          setOpen(false);
        }
        return;
      }
      case "Escape":
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (value) {
          event.preventDefault();
          onChange("");
        }
        return;
    }
  }

  return (
    // No prefetch: the results depend on ?q=, and every prefetch is one more request racing a sign-out.
    <Form
      action="/customers"
      prefetch={false}
      role="search"
      className="relative max-w-2xl"
      onSubmit={() => setOpen(false)}
    >
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t("label")}
      </label>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        name="q"
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        placeholder={t("placeholder")}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={hintId}
        className={cn(inputClass, "pr-10")}
      />
      {value ? null : (
        <kbd
          aria-hidden
          className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 rounded border border-slate-300 px-1.5 text-xs text-slate-500"
        >
          /
        </kbd>
      )}
      <p id={hintId} className="sr-only">
        {t("shortcutHint")}
      </p>
      <div
        className={cn(
          "absolute left-0 right-0 top-full z-40 mt-1 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg",
          !expanded && "hidden",
        )}
      >
        <ul id={listId} role="listbox" aria-label={t("suggestions")}>
          {items.map((item, index) => (
            <li
              key={item.key}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(item.href)}
              onMouseMove={() => setActive(index)}
              className={cn(
                "cursor-pointer border-b border-slate-100 px-3 py-2 text-sm",
                index === active && "bg-brand-50",
              )}
            >
              <div className="flex items-center justify-between gap-3">
                <span className="truncate font-medium text-slate-900">
                  {customerNameText(item.nameZh, item.nameEn)}
                </span>
                {item.state ? (
                  <CardStateBadge state={item.state} notActiveYet={item.notActiveYet} />
                ) : (
                  <span className="text-xs text-slate-500">{t("noCard")}</span>
                )}
              </div>
              <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600">
                <span className="font-medium text-slate-700">
                  <MatchReasonText reason={item.reason} value={item.matched} />
                </span>
                {item.cardId ? <span>{row("cardNumber", { id: item.cardId })}</span> : null}
                {item.validityEnd ? <span>{formatHkt(item.validityEnd, { locale: locale as Locale })}</span> : null}
                {item.plan ? <span>{localizedName(locale, item.plan)}</span> : null}
              </div>
            </li>
          ))}
          {items.length ? (
            <li
              id={optionId(items.length)}
              role="option"
              aria-selected={active === items.length}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(allResultsHref)}
              onMouseMove={() => setActive(items.length)}
              className={cn(
                "cursor-pointer px-3 py-2 text-sm font-medium text-brand-700",
                active === items.length && "bg-brand-50",
              )}
            >
              {t("allResults", { q: value.trim() })}
            </li>
          ) : null}
        </ul>
        <p role="status" className={cn("px-3 py-2 text-sm text-slate-600", items.length > 0 && "sr-only")}>
          {status.kind === "loading"
            ? t("searching")
            : status.kind === "failed"
              ? (status.message ?? t("failed"))
              : status.kind === "refused"
                ? refusal(status.reason, { max: SEARCH_MAX_LENGTH })
                : status.kind === "done" && !items.length
                  ? t("noSuggestions")
                  : ""}
        </p>
      </div>
    </Form>
  );
}
