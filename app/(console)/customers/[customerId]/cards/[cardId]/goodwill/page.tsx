import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HkTime } from "@/components/ui/hk-time";
import { PageHeader } from "@/components/ui/panel";
import { getCard } from "@/db/queries/cards";
import { checkGoodwill } from "@/db/queries/goodwill";
import { requireStaff } from "@/lib/auth/session";
import { businessRules } from "@/lib/config";
import { routeId } from "@/lib/domain/route-id";
import { customerNameText } from "../../../../customer-name";
import { GoodwillForm } from "./goodwill-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("desk.goodwill"))("title") };
}

async function GoodwillPage({ params }: { params: Promise<{ customerId: string; cardId: string }> }) {
  await requireStaff({ permission: "grantGoodwill" });
  const p = await params;
  const customerId = routeId(p.customerId);
  const cardId = routeId(p.cardId);
  const card = customerId && cardId ? await getCard({ customerId, cardId }) : null;
  if (!card) notFound();
  const { graceDays, validityCapYears } = businessRules();
  const check = await checkGoodwill(
    { cardId: card.id, days: 1 },
    { graceDays, capYears: validityCapYears, now: new Date() },
  );
  const t = await getTranslations("desk.goodwill");
  const languages = await getTranslations("customers.customer.languages");
  const cardHref = `/customers/${card.customerId}/cards/${card.id}`;
  return (
    <>
      <PageHeader
        title={`${t("title")} · ${customerNameText(card.customerNameZh, card.customerNameEn)}`}
        description={t("description")}
        actions={
          <Link href={cardHref} className="text-sm font-medium text-brand-700 hover:underline">
            {t("backToCard")}
          </Link>
        }
      />
      <p className="mb-4 text-sm text-slate-700">
        {t("currentEnd")}: <HkTime value={card.validityEnd} /> · {t("recent", { count: check.recentCount ?? 0 })}
      </p>
      <GoodwillForm
        cardId={card.id}
        cardHref={cardHref}
        idempotencyKey={randomUUID()}
        smsLanguage={languages(card.customerLanguage)}
      />
    </>
  );
}

export default withClientMessages(["desk.goodwill"], GoodwillPage);
