"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { cn } from "./cn";

type Tone = "success" | "info";
interface Toast {
  id: number;
  message: string;
  tone: Tone;
}

const ToastContext = createContext<((message: string, tone?: Tone) => void) | null>(null);

/** Long enough to read a sentence twice; hovering or focusing a toast keeps it. */
const SHOW_MS = 7000;

/**
 * Success messages as toasts: one polite live region that always exists (so
 * screen readers hear each new message), newest last, each closable.
 * Errors stay inline beside what failed; they are never toasts.
 */
export function Toaster({ closeLabel, children }: { closeLabel: string; children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);
  const schedule = useCallback(
    (id: number) => {
      clearTimeout(timers.current.get(id));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), SHOW_MS),
      );
    },
    [dismiss],
  );
  const toast = useCallback(
    (message: string, tone: Tone = "success") => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-2), { id, message, tone }]);
      schedule(id);
    },
    [schedule],
  );
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach(clearTimeout);
  }, []);

  return (
    <ToastContext.Provider value={toast}>
      {children}
      <div
        role="status"
        aria-live="polite"
        className="no-print pointer-events-none fixed inset-x-3 bottom-3 z-[70] flex flex-col items-end gap-2 sm:left-auto sm:right-4 sm:w-96"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            data-testid="toast"
            onMouseEnter={() => clearTimeout(timers.current.get(t.id))}
            onMouseLeave={() => schedule(t.id)}
            onFocus={() => clearTimeout(timers.current.get(t.id))}
            onBlur={() => schedule(t.id)}
            className={cn(
              "pointer-events-auto flex w-full items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg",
              t.tone === "success"
                ? "border-emerald-300 bg-emerald-50 text-emerald-900"
                : "border-slate-300 bg-white text-slate-900",
            )}
          >
            <p className="min-w-0 flex-1">{t.message}</p>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              className="-m-1 rounded px-1.5 text-base leading-none text-slate-700 hover:bg-black/5"
              aria-label={closeLabel}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Shows a success toast; a no-op outside the console shell (the login page). */
export function useToast(): (message: string, tone?: Tone) => void {
  return useContext(ToastContext) ?? noop;
}
function noop() {}
