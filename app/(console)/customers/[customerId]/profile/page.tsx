import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/panel";
import { getCustomerProfile } from "@/db/queries/desk";
import { requireStaff } from "@/lib/auth/session";
import { formatHkt } from "@/lib/domain/format";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { routeId } from "@/lib/domain/route-id";
import { customerNameText } from "../../customer-name";
import { ProfileForm } from "./profile-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("desk.profile"))("title") };
}

async function ProfilePage({ params }: { params: Promise<{ customerId: string }> }) {
  await requireStaff({ permission: "editCustomerProfile" });
  const id = routeId((await params).customerId);
  const profile = id ? await getCustomerProfile(id) : null;
  if (!profile) notFound();
  const t = await getTranslations("desk.profile");
  return (
    <>
      <PageHeader
        title={`${t("title")} · ${customerNameText(profile.nameZh, profile.nameEn)}`}
        description={t("description")}
        actions={
          <Link href={`/customers/${profile.id}`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("backToCustomer")}
          </Link>
        }
      />
      <p className="mb-4 text-sm text-slate-600">
        {profile.updatedByName
          ? `${t("lastSaved", { name: profile.updatedByName })} · ${formatHkt(profile.updatedAt)}`
          : t("neverSaved")}
      </p>
      {profile.liveNumbers.length ? (
        <p className="mb-4 text-sm text-slate-600">
          {t("cardNumbers")}: {profile.liveNumbers.map((n) => formatMsisdn(n.msisdn)).join(", ")}
        </p>
      ) : null}
      <ProfileForm
        customerId={profile.id}
        lockVersion={profile.lockVersion}
        values={{
          nameZh: profile.nameZh ?? "",
          nameEn: profile.nameEn ?? "",
          email: profile.email ?? "",
          contactPhone: profile.contactPhone ?? "",
          preferredLanguage: profile.preferredLanguage,
        }}
      />
    </>
  );
}

export default withClientMessages(["desk.profile", "desk.context", "customers.customer.languages"], ProfilePage);
