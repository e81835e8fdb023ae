import type { Metadata } from "next";
import { localizedName } from "@/lib/domain/plan-names";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/panel";
import {
  countPendingActivations,
  listPendingActivations,
  STUCK_ACTIVATION_MINUTES,
} from "@/db/queries/activation-queue";
import { requireStaff } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain/money";
import { receiptNumber } from "@/lib/domain/receipt-number";
import { ActivationQueue } from "./activation-queue";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("renewals"))("queue.title") };
}

/** Every paid renewal the carrier has not activated: its age, attempts, last error; retry one or many. */
async function ActivationQueuePage() {
  await requireStaff({ permission: "viewActivationQueue" });
  const t = await getTranslations("renewals");
  const locale = await getLocale();
  const [rows, total] = await Promise.all([listPendingActivations(), countPendingActivations()]);
  const now = new Date().getTime();
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title={t("queue.title")}
        description={t("queue.description", { minutes: STUCK_ACTIVATION_MINUTES })}
      />
      <ActivationQueue
        total={total}
        rows={rows.map((r) => ({
          requestId: r.requestId,
          renewalId: r.renewalId,
          receipt: receiptNumber(r.renewalId),
          customer: [r.nameZh, r.nameEn].filter(Boolean).join(" · "),
          customerId: r.customerId,
          cardId: r.cardId,
          iccid: r.iccid,
          plan: localizedName(locale, { en: r.planNameEn, zh: r.planNameZh, zhHant: r.planNameZhHant }),
          amount: formatMoney(r.priceMinor, r.currency, locale),
          soldBy: r.soldByName,
          createdAt: r.createdAt,
          ageMinutes: Math.floor((now - r.createdAt.getTime()) / 60_000),
          stuck: now - r.createdAt.getTime() > STUCK_ACTIVATION_MINUTES * 60_000,
          attempts: r.attempts,
          lastError: r.lastError,
          gaveUp: r.requestStatus === "failed",
          nextAttemptAt: r.requestStatus === "pending" ? r.nextAttemptAt : null,
        }))}
      />
    </div>
  );
}

export default withClientMessages(["renewals.queue"], ActivationQueuePage);
