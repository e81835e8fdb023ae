import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { HkTime } from "@/components/ui/hk-time";
import { PageHeader, Panel } from "@/components/ui/panel";
import { getTwoFactorStatus } from "@/db/queries/two-factor";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security.account"))("title") };
}

export default async function AccountPage() {
  const me = await requireStaff({ twoFactorExempt: true });
  const t = await getTranslations("security");
  const common = await getTranslations("common");
  const status = await getTwoFactorStatus(me.id);
  const required = env().TWO_FACTOR_ROLES.includes(me.role);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("account.title")} description={t("account.description")} />
      <dl className="mb-6 flex flex-wrap gap-x-10 gap-y-2 text-sm">
        <div>
          <dt className="text-slate-500">{t("account.name")}</dt>
          <dd className="font-medium">{me.name}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("account.email")}</dt>
          <dd className="font-mono">{me.email}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("account.role")}</dt>
          <dd className="font-medium">{common(`roles.${me.role}`)}</dd>
        </div>
      </dl>
      <div className="grid gap-6 md:grid-cols-2">
        <Panel
          title={t("twoFactor.title")}
          actions={
            status.enrolled ? (
              <Badge tone="green">{t("twoFactor.on")}</Badge>
            ) : (
              <Badge tone="amber">{t("twoFactor.off")}</Badge>
            )
          }
        >
          {status.enrolled ? (
            <p className="text-sm text-slate-700">
              {t("twoFactor.onSince")} <HkTime value={status.enrolledAt!} />.{" "}
              {t("twoFactor.codesLeft", { count: status.recoveryCodesLeft })}
            </p>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-700">
                {required ? t("twoFactor.requiredForRole") : t("twoFactor.optional")}
              </p>
              <Link href="/account/two-factor" className={buttonClass("primary")}>
                {t("twoFactor.setUp")}
              </Link>
            </>
          )}
        </Panel>
        <Panel title={t("sessions.title")}>
          <p className="mb-3 text-sm text-slate-700">{t("sessions.summary")}</p>
          <Link href="/account/sessions" className={buttonClass("secondary")}>
            {t("sessions.open")}
          </Link>
        </Panel>
      </div>
    </div>
  );
}
