import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeader, Panel } from "@/components/ui/panel";
import { listRealNames } from "@/db/queries/desk";
import { getCard } from "@/db/queries/cards";
import { requireStaff } from "@/lib/auth/session";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { routeId } from "@/lib/domain/route-id";
import { hkDay } from "@/lib/domain/time";
import { RealNameForm } from "./real-name-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("desk.panel"))("realNameTitle") };
}

async function RealNamePage({ params }: { params: Promise<{ customerId: string; cardId: string; numberId: string }> }) {
  await requireStaff({ permission: "editRealName" });
  const p = await params;
  const customerId = routeId(p.customerId);
  const cardId = routeId(p.cardId);
  const numberId = routeId(p.numberId);
  const card = customerId && cardId ? await getCard({ customerId, cardId }) : null;
  const number = card && numberId ? (await listRealNames(card.id)).find((n) => n.id === numberId) : null;
  if (!card || !number) notFound();
  const t = await getTranslations("desk.realName");
  const cardHref = `/customers/${card.customerId}/cards/${card.id}`;
  return (
    <>
      <PageHeader
        title={t("title", { number: formatMsisdn(number.msisdn) })}
        description={t("description")}
        actions={
          <Link href={cardHref} className="text-sm font-medium text-brand-700 hover:underline">
            {t("backToCard")}
          </Link>
        }
      />
      <Panel>
        <RealNameForm
          numberId={number.id}
          current={{
            status: number.status,
            document: number.document,
            last4: number.last4,
            deadline: number.deadline ? hkDay(number.deadline) : null,
          }}
        />
      </Panel>
    </>
  );
}

export default withClientMessages(["desk.realName"], RealNamePage);
