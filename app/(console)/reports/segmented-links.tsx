import Link from "next/link";
import { cn } from "@/components/ui/cn";

/**
 * A row of mutually exclusive choices that are links, so the URL holds the
 * state and the back button works. `captioned` also shows the label above.
 */
export function SegmentedLinks({
  label,
  options,
  captioned,
}: {
  label: string;
  options: { href: string; label: React.ReactNode; current: boolean }[];
  captioned?: boolean;
}) {
  return (
    <nav aria-label={label} className={captioned ? "space-y-1" : undefined}>
      {captioned ? (
        <p className="text-xs font-medium text-slate-600" aria-hidden>
          {label}
        </p>
      ) : null}
      <ul className="inline-flex flex-wrap rounded-md border border-slate-300 bg-white p-0.5 text-sm">
        {options.map((option) => (
          <li key={option.href}>
            <Link
              href={option.href}
              aria-current={option.current ? "true" : undefined}
              scroll={false}
              className={cn(
                "block rounded px-3 py-1.5 font-medium",
                option.current ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
