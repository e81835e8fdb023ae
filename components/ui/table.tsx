import { cn } from "./cn";

/**
 * A dense, scannable table: sticky header, zebra-free rows, right-aligned
 * numbers via `numeric`. On a narrow screen it scrolls inside its own frame;
 * Chinese text keeps its words whole (keep-all), so columns are never
 * squeezed to one character a line.
 *
 * The cells' padding and colours sit once in globals.css (`.data-table`,
 * a layer below the utilities, so a cell's own class still wins) instead of
 * on every cell: a report's tables have about 1,200 cells, and each class
 * string is sent twice, in the HTML and in the RSC payload.
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
      <table className="data-table min-w-full divide-y divide-slate-200 text-sm [word-break:keep-all]">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

/** No className at all on a plain cell: even `className: undefined` is written into the RSC payload. */
function cellClass(numeric: boolean | undefined, className: string | undefined) {
  const value = cn(numeric && "num", className);
  return value ? { className: value } : {};
}

export function Th({
  children,
  numeric,
  className,
  ...props
}: React.ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <th scope="col" {...cellClass(numeric, className)} {...props}>
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
    <td {...cellClass(numeric, className)} {...props}>
      {children}
    </td>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}
