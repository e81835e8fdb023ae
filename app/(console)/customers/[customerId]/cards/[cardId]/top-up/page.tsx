import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/panel";
import { getCard } from "@/db/queries/cards";
import { requireStaff } from "@/lib/auth/session";
import { formatMoney } from "@/lib/domain/money";
import { routeId } from "@/lib/domain/route-id";
import { customerNameText } from "../../../../customer-name";
import { TopUpForm } from "./top-up-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("desk.topUp"))("title") };
}

async function TopUpPage({ params }: { params: Promise<{ customerId: string; cardId: string }> }) {
  await requireStaff({ permission: "topUpStoredValue" });
  const p = await params;
  const customerId = routeId(p.customerId);
  const cardId = routeId(p.cardId);
  const card = customerId && cardId ? await getCard({ customerId, cardId }) : null;
  if (!card) notFound();
  const t = await getTranslations("desk");
  const locale = await getLocale();
  const cardHref = `/customers/${card.customerId}/cards/${card.id}`;
  return (
    <>
      <PageHeader
        title={`${t("topUp.title")} · ${customerNameText(card.customerNameZh, card.customerNameEn)}`}
        description={t("topUp.description")}
        actions={
          <Link href={cardHref} className="text-sm font-medium text-brand-700 hover:underline">
            {t("receipt.backToCard")}
          </Link>
        }
      />
      <p className="mb-4 text-sm text-slate-700">
        {t("topUp.balance")}:{" "}
        <span className="font-semibold tabular-nums">{formatMoney(card.storedValueHkdMinor, "HKD", locale)}</span>
      </p>
      <TopUpForm cardId={card.id} idempotencyKey={randomUUID()} />
    </>
  );
}

export default withClientMessages(["desk.topUp", "renewals.methods"], TopUpPage);
