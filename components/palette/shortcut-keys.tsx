"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useNavigate } from "@/components/layout/route-progress";
import { Button } from "@/components/ui/button";
import { createShortcutMatcher, isShortcutKey, SHORTCUTS, type ShortcutId } from "@/lib/shortcuts";
import { usePalette } from "./palette-context";

/**
 * The single-key shortcuts (g c, g p, g r, g w, r, ?), listened for on the
 * document. Composition is tracked from compositionstart to compositionend,
 * so a key an IME is still turning into 字 never navigates.
 */
export function ShortcutKeys() {
  const { card, setHelpOpen, open: paletteOpen } = usePalette();
  const navigate = useNavigate();
  const state = useRef({ card, paletteOpen });
  useEffect(() => {
    state.current = { card, paletteOpen };
  }, [card, paletteOpen]);

  useEffect(() => {
    let composing = false;
    const match = createShortcutMatcher({ onCardPage: () => Boolean(state.current.card?.renewHref) });
    const onCompositionStart = () => {
      composing = true;
    };
    const onCompositionEnd = () => {
      composing = false;
    };
    function onKeyDown(event: KeyboardEvent) {
      if (state.current.paletteOpen || document.querySelector("dialog[open]")) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const like = target
        ? { tagName: target.tagName, isContentEditable: target.isContentEditable, role: target.getAttribute("role") }
        : null;
      if (!isShortcutKey(event, like, composing)) return;
      const id = match(event.key, event.timeStamp || Date.now());
      if (!id) return;
      event.preventDefault();
      run(id);
    }
    function run(id: ShortcutId) {
      if (id === "help") return setHelpOpen(true);
      if (id === "renew") {
        const href = state.current.card?.renewHref;
        if (href) navigate(href);
        return;
      }
      const href = SHORTCUTS.find((s) => s.id === id)?.href;
      if (href) navigate(href);
    }
    document.addEventListener("compositionstart", onCompositionStart, true);
    document.addEventListener("compositionend", onCompositionEnd, true);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("compositionstart", onCompositionStart, true);
      document.removeEventListener("compositionend", onCompositionEnd, true);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [navigate, setHelpOpen]);

  return <ShortcutHelp />;
}

/** `?`: every shortcut, in a modal dialog that Escape closes. */
function ShortcutHelp() {
  const t = useTranslations("palette.shortcuts");
  const { helpOpen, setHelpOpen } = usePalette();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (helpOpen && !element.open) element.showModal();
    else if (!helpOpen && element.open) element.close();
  }, [helpOpen]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcut-help-title"
      onClose={() => setHelpOpen(false)}
      className="mx-auto mt-[12vh] w-[min(30rem,calc(100vw-1.5rem))] rounded-lg bg-white p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      {/* Built when opened: a closed dialog sends no markup with every page. */}
      {helpOpen ? (
        <>
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
            <h2 id="shortcut-help-title" className="text-base font-semibold text-slate-900">
              {t("title")}
            </h2>
            <Button variant="ghost" className="px-2 py-1" onClick={() => setHelpOpen(false)}>
              {t("close")}
            </Button>
          </div>
          <table className="w-full text-sm">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">{t("keys")}</th>
                <th scope="col">{t("action")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {SHORTCUTS.map((s) => (
                <tr key={s.id}>
                  <td className="whitespace-nowrap px-4 py-2">
                    {s.keys.map((k, i) => (
                      <span key={i}>
                        {i > 0 ? (
                          <span className="px-1 text-slate-500">
                            {s.keys.length === 2 && s.keys[0] === "g" ? t("then") : "+"}
                          </span>
                        ) : null}
                        <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-xs font-medium text-slate-800">
                          {k}
                        </kbd>
                      </span>
                    ))}
                  </td>
                  <td className="px-4 py-2 text-slate-800">{t(`actions.${s.id}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600">{t("notInFields")}</p>
        </>
      ) : null}
    </dialog>
  );
}
