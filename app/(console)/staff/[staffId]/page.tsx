import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, Panel } from "@/components/ui/panel";
import { listEntityActivity } from "@/db/queries/audit-trail";
import { getStaffMember } from "@/db/queries/staff-admin";
import { getTwoFactorStatus } from "@/db/queries/two-factor";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { requireStaff } from "@/lib/auth/session";
import { routeId } from "@/lib/domain/route-id";
import { RoleBadge, StaffStateBadge } from "../staff-badges";
import { AccessForm, ResetPasswordForm, RoleForm } from "./staff-forms";
import { withRuntimeKeys } from "@/lib/i18n/runtime-key";
import { TwoFactorResetForm } from "./two-factor-reset-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

type Params = { params: Promise<{ staffId: string }> };

async function loadMember(staffIdParam: string) {
  const staffId = routeId(staffIdParam);
  const member = staffId === null ? null : await getStaffMember(staffId);
  if (!member) notFound();
  return member;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireStaff({ permission: "manageStaff" });
  return { title: (await loadMember((await params).staffId)).name };
}

async function StaffMemberPage({ params }: Params) {
  const me = await requireStaff({ permission: "manageStaff" });
  const member = await loadMember((await params).staffId);
  const activity = await listEntityActivity({ type: "staff", id: member.id });
  const twoFactor = await getTwoFactorStatus(member.id);
  const security = await getTranslations("security.reset");
  const t = await getTranslations("staff");
  const common = await getTranslations("common");
  const tRuntime = withRuntimeKeys(t);
  const commonRuntime = withRuntimeKeys(common);

  return (
    <div className="max-w-5xl">
      <Link href="/staff" className="text-sm text-brand-700 hover:underline">
        ← {t("detail.back")}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {member.name} <RoleBadge role={member.role} /> <StaffStateBadge disabledAt={member.disabledAt} />
          </span>
        }
        description={<span className="font-mono">{member.email}</span>}
      />
      {member.id === me.id ? (
        <Notice tone="warning" className="mb-4">
          {t("detail.self")}
        </Notice>
      ) : null}
      <dl className="mb-6 flex flex-wrap gap-x-10 gap-y-2 text-sm">
        <div>
          <dt className="text-slate-500">{t("detail.lastSignIn")}</dt>
          <dd className="font-medium">{member.lastSignInAt ? <HkTime value={member.lastSignInAt} /> : t("never")}</dd>
        </div>
        {member.disabledAt ? (
          <div>
            <dt className="text-slate-500">{t("detail.disabledAt")}</dt>
            <dd className="font-medium">
              <HkTime value={member.disabledAt} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="text-slate-500">{t("detail.created")}</dt>
          <dd className="font-medium">
            <HkTime value={member.createdAt} />
          </dd>
        </div>
      </dl>
      <div className="grid gap-6 lg:grid-cols-3">
        <Panel title={t("detail.roleTitle")}>
          <RoleForm staffId={member.id} role={member.role} />
        </Panel>
        <Panel title={t("detail.accessTitle")}>
          <p className="mb-3 text-sm text-slate-700">
            {member.disabledAt ? t("detail.disabledNow") : t("detail.activeNow")}
          </p>
          <AccessForm staffId={member.id} disabled={member.disabledAt !== null} />
        </Panel>
        <Panel title={t("detail.passwordTitle")}>
          <ResetPasswordForm staffId={member.id} passwordMinLength={PASSWORD_MIN_LENGTH} />
        </Panel>
        <Panel title={security("title")}>
          <p className="mb-3 text-sm text-slate-700">{twoFactor.enrolled ? security("on") : security("off")}</p>
          <TwoFactorResetForm staffId={member.id} enrolled={twoFactor.enrolled} />
        </Panel>
      </div>
      <section aria-labelledby="account-history" className="mt-8">
        <h2 id="account-history" className="mb-3 text-base font-semibold text-slate-900">
          {t("detail.activity")}
        </h2>
        <Panel>
          {activity.length === 0 ? (
            <p className="text-sm text-slate-600">{t("detail.noActivity")}</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {activity.map((entry) => {
                const kind = entry.action.replace(/^staff\./, "");
                const before = (entry.before ?? {}) as { role?: string };
                const after = (entry.after ?? {}) as { role?: string };
                return (
                  <li key={entry.id} className="py-2 text-sm">
                    <span className="font-medium text-slate-900">
                      {tRuntime.has(`activity.${kind}`) ? tRuntime(`activity.${kind}`) : entry.action}
                    </span>
                    {kind === "role_change" && before.role && after.role ? (
                      <span className="text-slate-700">
                        {" "}
                        {t("activity.roleChange", {
                          before: commonRuntime(`roles.${before.role}`),
                          after: commonRuntime(`roles.${after.role}`),
                        })}
                      </span>
                    ) : null}
                    {kind === "create" && after.role ? (
                      <span className="text-slate-700"> ({commonRuntime(`roles.${after.role}`)})</span>
                    ) : null}
                    <span className="text-slate-500">
                      {" · "}
                      <HkTime value={entry.createdAt} />
                      {entry.actorName ? ` · ${entry.actorName}` : null}
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </Panel>
      </section>
    </div>
  );
}

export default withClientMessages(["staff", "security.reset"], StaffMemberPage);
