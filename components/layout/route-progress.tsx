"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { isNavigationForm } from "./route-focus";

const START_EVENT = "renewal-desk:navigation-start";
/** A navigation that has not finished by then is shown as stuck no longer: the bar simply goes. */
const GIVE_UP_MS = 15_000;
/** Fast navigations finish before the bar would be seen; it appears only after this. */
const SHOW_AFTER_MS = 120;

/** Tells the progress bar a navigation began (links are seen by themselves; router.push calls this). */
export function startRouteProgress() {
  window.dispatchEvent(new Event(START_EVENT));
}

/** router.push with the progress bar: for the palette, shortcuts and other code-driven moves. */
export function useNavigate() {
  const router = useRouter();
  return useCallback(
    (href: string) => {
      startRouteProgress();
      router.push(href);
    },
    [router],
  );
}

function isInternalNavigation(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return false;
  const anchor = (event.target as Element | null)?.closest?.("a[href]");
  if (!(anchor instanceof HTMLAnchorElement)) return false;
  if (anchor.target && anchor.target !== "_self") return false;
  if (anchor.hasAttribute("download")) return false;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return false;
  // Same page (or only its #fragment): nothing to wait for.
  return url.pathname + url.search !== window.location.pathname + window.location.search;
}

/**
 * A thin bar at the top while the next page loads, announced to screen
 * readers as busy. It starts on a link click, a GET form or startRouteProgress(),
 * and ends when the URL has changed and the page's own content replaced any
 * loading skeleton.
 */
export function RouteProgress({ label }: { label: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [state, setState] = useState<"idle" | "waiting" | "shown">("idle");
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);

  const clear = () => {
    timers.current.forEach(clearTimeout);
    timers.current = [];
  };

  useEffect(() => {
    const start = () => {
      clear();
      setState("waiting");
      timers.current.push(setTimeout(() => setState((s) => (s === "waiting" ? "shown" : s)), SHOW_AFTER_MS));
      timers.current.push(setTimeout(() => setState("idle"), GIVE_UP_MS));
    };
    const onClick = (event: MouseEvent) => {
      if (isInternalNavigation(event)) start();
    };
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target as HTMLFormElement | null;
      if (form instanceof HTMLFormElement && isNavigationForm(form)) start();
    };
    // Capture phase: next/link prevents the default in its own (bubbling) handler.
    document.addEventListener("click", onClick, true);
    document.addEventListener("submit", onSubmit, true);
    window.addEventListener(START_EVENT, start);
    return () => {
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("submit", onSubmit, true);
      window.removeEventListener(START_EVENT, start);
      clear();
    };
  }, []);

  // The URL changed: the new page is here once no loading skeleton (loading.tsx) stands in for it.
  const location = `${pathname}?${searchParams.toString()}`;
  const [seen, setSeen] = useState(location);
  const [arrived, setArrived] = useState(0);
  if (seen !== location) {
    setSeen(location);
    setArrived((n) => n + 1);
  }
  useEffect(() => {
    if (arrived === 0) return;
    const main = document.getElementById("main");
    const done = () => !main?.querySelector("[data-loading]");
    if (done()) {
      // In a frame, not synchronously in the effect: the bar goes as the new page paints.
      const frame = requestAnimationFrame(() => setState("idle"));
      return () => cancelAnimationFrame(frame);
    }
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      setState("idle");
    });
    observer.observe(main!, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [arrived]);
  useEffect(() => {
    if (state === "idle") clear();
  }, [state]);

  return (
    <div
      className="no-print pointer-events-none fixed inset-x-0 top-0 z-[60] h-0.5"
      role="progressbar"
      aria-label={label}
      aria-hidden={state !== "shown"}
      aria-busy={state === "shown"}
      data-state={state}
      hidden={state !== "shown"}
    >
      <div className="route-progress-bar h-full bg-brand-600" />
    </div>
  );
}
