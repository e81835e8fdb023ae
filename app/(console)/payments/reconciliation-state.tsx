import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getPaymentReconciliation } from "@/db/queries/reconciliation";
import { methodsNeedingReference, type PaymentMethod } from "@/lib/domain/enums";
import { may, type Role } from "@/lib/domain/permissions";
import { OutcomeBadge } from "../reconciliation/outcome-badge";

/**
 * What the settlement files said about a payment, for its receipt: matched,
 * an exception (resolved or not), or not in a file yet. Cash and stored value
 * are checked at the drawer instead. Supervisors get a link to the line.
 */
export async function ReconciliationState({
  paymentId,
  method,
  viewer,
}: {
  paymentId: number;
  method: PaymentMethod;
  viewer: { role: Role };
}) {
  const t = await getTranslations("reconciliation.receipt");
  if (!methodsNeedingReference.includes(method)) return <span className="text-slate-600">{t("notApplicable")}</span>;
  const state = await getPaymentReconciliation(paymentId);
  if (!state) return <span data-testid="reconciliation-state">{t("none")}</span>;
  const badge = <OutcomeBadge outcome={state.outcome} resolution={state.resolution} />;
  return (
    <span data-testid="reconciliation-state">
      {may.reconcileSettlements(viewer) ? (
        <Link href={`/reconciliation/lines/${state.lineId}`} className="hover:underline">
          {badge}
        </Link>
      ) : (
        badge
      )}
    </span>
  );
}
