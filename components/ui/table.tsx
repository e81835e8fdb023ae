import { cn } from "./cn";

/**
 * A dense, scannable table: sticky header, zebra-free rows, right-aligned
 * numbers via `numeric`. On a narrow screen it scrolls inside its own frame;
 * Chinese text keeps its words whole (keep-all), so columns are never
 * squeezed to one character a line.
 */
export function Table({
  children,
  className,
  caption,
}: {
  children: React.ReactNode;
  className?: string;
  caption?: React.ReactNode;
}) {
  return (
    // relative: screen-reader-only text inside (absolutely placed) stays in this frame instead of widening the page.
    <div className={cn("relative overflow-x-auto rounded-lg border border-slate-200 bg-white", className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm [word-break:keep-all]">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function Th({
  children,
  numeric,
  className,
  ...props
}: React.ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <th
      scope="col"
      className={cn(
        "bg-slate-50 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600",
        numeric ? "text-right" : "text-left",
        className,
      )}
      {...props}
    >
      {children}
    </th>
  );
}

export function Td({
  children,
  numeric,
  className,
  ...props
}: React.TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <td
      className={cn("px-3 py-2 align-top text-slate-800", numeric && "text-right tabular-nums", className)}
      {...props}
    >
      {children}
    </td>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}
