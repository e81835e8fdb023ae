import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { countStuckActivations, STUCK_ACTIVATION_MINUTES } from "@/db/queries/activation-queue";
import type { StaffSession } from "@/lib/auth/session";
import { may } from "@/lib/domain/permissions";

/**
 * On every console page, for supervisors: paid renewals the carrier has not
 * activated for more than STUCK_ACTIVATION_MINUTES, with a link to the queue.
 * One count over a partial index (renewals_paid_created_at).
 */
export async function StuckActivationsFlag({ staff }: { staff: StaffSession }) {
  if (!may.seeStuckActivations(staff)) return null;
  const { stuck } = await countStuckActivations(new Date());
  if (stuck === 0) return null;
  const t = await getTranslations("renewals.queue");
  return (
    <div
      role="status"
      className="no-print mb-4 flex flex-wrap items-center justify-between gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
    >
      <span className="font-medium">{t("flag", { count: stuck, minutes: STUCK_ACTIVATION_MINUTES })}</span>
      <Link href="/renewals/activation" className="font-semibold underline">
        {t("open")}
      </Link>
    </div>
  );
}
