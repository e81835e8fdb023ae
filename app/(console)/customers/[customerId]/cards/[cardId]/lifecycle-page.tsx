import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CardStateBadge } from "@/components/cards/card-state-badge";
import { PageHeader } from "@/components/ui/panel";
import { getCard, type CardDetail } from "@/db/queries/cards";
import { requireStaff } from "@/lib/auth/session";
import { businessRules } from "@/lib/config";
import { deriveCardState } from "@/lib/domain/card-state";
import type { Permission } from "@/lib/domain/permissions";
import { routeId } from "@/lib/domain/route-id";
import { customerNameText } from "../../../customer-name";

export type CardRouteParams = Promise<{ customerId: string; cardId: string }>;

/** The card a lifecycle page acts on, for staff holding the permission (404 for a mismatched pair). */
export async function loadLifecycleCard(params: CardRouteParams, permission: Permission) {
  const staff = await requireStaff({ permission });
  const { customerId: customerParam, cardId: cardParam } = await params;
  const customerId = routeId(customerParam);
  const cardId = routeId(cardParam);
  const card = customerId && cardId ? await getCard({ customerId, cardId }) : null;
  if (!card) notFound();
  const status = deriveCardState(card, new Date(), businessRules().graceDays);
  return { staff, card, status, cardHref: `/customers/${card.customerId}/cards/${card.id}` };
}

/** The header every lifecycle page shares: what is done to which card of whom, and the way back. */
export async function LifecycleHeader({
  card,
  title,
  state,
}: {
  card: CardDetail;
  title: string;
  state: Parameters<typeof CardStateBadge>[0]["state"];
}) {
  const t = await getTranslations("renewals");
  return (
    <PageHeader
      title={title}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <CardStateBadge state={state} />
          {customerNameText(card.customerNameZh, card.customerNameEn)} · <span className="font-mono">{card.iccid}</span>
        </span>
      }
      actions={
        <Link
          href={`/customers/${card.customerId}/cards/${card.id}`}
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          ← {t("backToCard")}
        </Link>
      }
    />
  );
}
