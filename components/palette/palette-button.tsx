"use client";

import { Button } from "@/components/ui/button";
import { usePalette } from "./palette-context";

/** Opens the palette for pointer and touch users; the keys are shown for next time. */
export function PaletteButton({ label }: { label: string }) {
  const { setOpen } = usePalette();
  return (
    <Button
      variant="secondary"
      className="px-2.5 py-1.5"
      onClick={() => setOpen(true)}
      aria-keyshortcuts="Control+K Meta+K"
    >
      <span>{label}</span>
      <kbd aria-hidden className="hidden rounded border border-slate-300 px-1 text-xs text-slate-600 xl:inline">
        Ctrl K
      </kbd>
    </Button>
  );
}
