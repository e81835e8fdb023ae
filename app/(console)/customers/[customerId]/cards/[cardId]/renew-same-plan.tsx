import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { localizedName } from "@/lib/domain/plan-names";

/**
 * One action from the card page to a renewal of the plan the card is on: the
 * renew form opens with that plan, the last confirmation's number and the
 * customer's language chosen, and focus on the payment.
 */
export function RenewSamePlan({
  renewHref,
  renewals,
  renewable,
}: {
  renewHref: string;
  renewals: { status: string; planNameEn: string; planNameZh: string; planNameZhHant: string }[];
  renewable: boolean;
}) {
  const t = useTranslations("cards");
  const locale = useLocale();
  const last = renewals.find((r) => r.status !== "voided");
  if (!renewable || !last) return null;
  return (
    <p className="-mt-4 mb-6 flex justify-end">
      <Link href={renewHref} className={buttonClass("secondary", "px-4 py-1.5 text-sm")}>
        {t("renew.samePlan", {
          plan: localizedName(locale, { en: last.planNameEn, zh: last.planNameZh, zhHant: last.planNameZhHant }),
        })}
      </Link>
    </p>
  );
}
