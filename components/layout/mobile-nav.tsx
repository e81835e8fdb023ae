"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Under 1024 px the sidebar folds away behind a menu button: a modal drawer
 * (Escape, the close button or choosing a page closes it; focus returns to
 * the button). Its content is the same navigation the sidebar shows.
 */
export function MobileNav({
  menuLabel,
  closeLabel,
  title,
  children,
}: {
  menuLabel: string;
  closeLabel: string;
  title: string;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open]);

  // Choosing a page closes the drawer.
  const [seen, setSeen] = useState(pathname);
  if (seen !== pathname) {
    setSeen(pathname);
    if (open) setOpen(false);
  }

  return (
    <div className="lg:hidden">
      <Button
        variant="secondary"
        className="px-2.5 py-1.5"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
        </svg>
        {menuLabel}
      </Button>
      <dialog
        ref={dialog}
        aria-label={title}
        onClose={() => setOpen(false)}
        onClick={(event) => {
          if (event.target === dialog.current) setOpen(false);
        }}
        className="m-0 h-dvh max-h-none w-72 max-w-[85vw] bg-slate-900 p-0 backdrop:bg-slate-900/50"
      >
        {/* Built when opened: the sidebar already holds the same links for a closed drawer. */}
        {open ? (
          <div className="flex h-full flex-col px-3 py-4">
            <div className="flex items-center justify-between px-3 pb-4">
              <p className="text-base font-semibold text-white">{title}</p>
              <button
                type="button"
                onClick={() => setOpen(false)}
                className="rounded px-2 py-1 text-sm font-medium text-slate-200 hover:bg-white/10 focus-visible:outline-white"
              >
                {closeLabel}
              </button>
            </div>
            {children}
          </div>
        ) : null}
      </dialog>
    </div>
  );
}
