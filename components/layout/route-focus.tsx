"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** How long to wait for a streamed page's heading, or for a submitted form's answer. */
const WAIT_MS = 8000;

const visible = (element: HTMLElement) =>
  typeof element.checkVisibility === "function" ? element.checkVisibility() : element.offsetParent !== null;

/** The page's own main heading: visible, and not a loading skeleton's. */
function mainHeading(main: HTMLElement): HTMLElement | null {
  return [...main.querySelectorAll<HTMLElement>("h1")].find((h) => visible(h) && !h.closest("[data-loading]")) ?? null;
}

/** A GET form with a real address (the search box) navigates; React action forms and onSubmit forms do not. */
export function isNavigationForm(form: HTMLFormElement): boolean {
  // Attributes, not properties: a field named "method" or "action" shadows form.method / form.action.
  const action = form.getAttribute("action");
  const method = (form.getAttribute("method") ?? "get").toLowerCase();
  return method === "get" && Boolean(action) && !action!.startsWith("javascript:");
}

/** Focus a page already moved itself (an autofocused field) or a dialog holds is left where it is. */
function focusIsTaken(main: HTMLElement): boolean {
  const active = document.activeElement as HTMLElement | null;
  if (document.querySelector("dialog[open]")) return true;
  return Boolean(active && active !== document.body && main.contains(active) && visible(active));
}

function whenReady(
  find: () => HTMLElement | null,
  root: Node,
  options: MutationObserverInit,
  act: (el: HTMLElement) => void,
) {
  const found = find();
  if (found) {
    act(found);
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const element = find();
    if (element) {
      observer.disconnect();
      clearTimeout(timer);
      act(element);
    }
  });
  observer.observe(root, options);
  const timer = setTimeout(() => observer.disconnect(), WAIT_MS);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/**
 * Focus after things change, for keyboard and screen-reader users:
 * - after a navigation, to the new page's main heading (once it has
 *   streamed in), unless the page focused something itself;
 * - after a submit the server refused, to the first field marked invalid.
 * The first page load is left alone: the browser starts at the top.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById("main");
    if (!main) return;
    return whenReady(
      () => mainHeading(main),
      main,
      { childList: true, subtree: true },
      (heading) => {
        if (focusIsTaken(main)) return;
        if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
        heading.focus();
      },
    );
  }, [pathname]);

  useEffect(() => {
    let stop = () => {};
    function onSubmit(event: SubmitEvent) {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || isNavigationForm(form)) return;
      stop();
      // The answer has arrived when the submit button, disabled while pending, is enabled again.
      const pending = () =>
        Boolean(form.querySelector('[type="submit"]:disabled, [type="submit"][aria-disabled="true"]'));
      let sawPending = pending();
      const observer = new MutationObserver(() => {
        if (pending()) {
          sawPending = true;
          return;
        }
        if (!sawPending) return;
        stop();
        const invalid = [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]')].find(
          visible,
        );
        invalid?.focus();
      });
      observer.observe(form, { attributes: true, childList: true, subtree: true, characterData: true });
      const timer = setTimeout(() => observer.disconnect(), WAIT_MS * 2);
      stop = () => {
        observer.disconnect();
        clearTimeout(timer);
      };
    }
    document.addEventListener("submit", onSubmit);
    return () => {
      document.removeEventListener("submit", onSubmit);
      stop();
    };
  }, []);

  return null;
}
