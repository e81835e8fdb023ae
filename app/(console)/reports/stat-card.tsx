import { cn } from "@/components/ui/cn";

/** One headline figure with the line that puts it in context. */
export function StatCard({
  label,
  value,
  detail,
  tone = "neutral",
  children,
}: {
  label: string;
  value: string;
  detail?: string;
  tone?: "neutral" | "up" | "down";
  children?: React.ReactNode;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {detail ? (
        <dd
          className={cn(
            "mt-1 text-xs",
            tone === "up" ? "text-emerald-700" : tone === "down" ? "text-red-700" : "text-slate-600",
          )}
        >
          {detail}
        </dd>
      ) : null}
      {children ? <dd className="mt-1 text-xs">{children}</dd> : null}
    </div>
  );
}
