import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { hkDay } from "@/lib/domain/time";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The Hong Kong day a page shows, from its `?day=`; today when absent or unreadable. */
export function readDayParam(value: string | string[] | undefined, now: Date = new Date()): string {
  return typeof value === "string" && DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
    ? value
    : hkDay(now);
}

/** A GET form choosing the day in the URL, so a link reproduces the view. */
export function DayPicker({ day, label, submit, id }: { day: string; label: string; submit: string; id: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        <input id={id} name="day" type="date" defaultValue={day} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        {submit}
      </button>
    </form>
  );
}
