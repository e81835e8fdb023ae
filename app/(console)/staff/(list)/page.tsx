import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { HkTime } from "@/components/ui/hk-time";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { listStaff } from "@/db/queries/staff-admin";
import { staffRoles } from "@/lib/domain/enums";
import { requireStaff } from "@/lib/auth/session";
import { encodeCursor } from "@/lib/keyset";
import { parseStaffListParams, staffStateFilters } from "@/lib/validation/staff";
import { RoleBadge, StaffStateBadge } from "../staff-badges";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("title") };
}

export default async function StaffPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requireStaff({ permission: "manageStaff" });
  const params = parseStaffListParams(await searchParams);
  const t = await getTranslations("staff");
  const common = await getTranslations("common");
  const { items, hasMore } = await listStaff(params);

  const query = (after?: string) => {
    const search = new URLSearchParams();
    if (params.q) search.set("q", params.q);
    if (params.role) search.set("role", params.role);
    if (params.state !== "all") search.set("state", params.state);
    if (after) search.set("after", after);
    const text = search.toString();
    return text ? `/staff?${text}` : "/staff";
  };
  const last = items.at(-1);
  const filtered = Boolean(params.q || params.role || params.state !== "all");

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/staff/new" className={buttonClass("primary")}>
            {t("newStaff")}
          </Link>
        }
      />
      <form
        role="search"
        aria-label={t("filters.label")}
        action="/staff"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <div className="space-y-1">
          <label htmlFor="staff-q" className="block text-sm font-medium text-slate-700">
            {t("filters.search")}
          </label>
          <input
            id="staff-q"
            name="q"
            type="search"
            defaultValue={params.q}
            maxLength={100}
            className={cn(inputClass, "w-64")}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="staff-role" className="block text-sm font-medium text-slate-700">
            {t("filters.role")}
          </label>
          <select id="staff-role" name="role" defaultValue={params.role ?? ""} className={cn(inputClass, "w-40")}>
            <option value="">{t("filters.anyRole")}</option>
            {staffRoles.map((role) => (
              <option key={role} value={role}>
                {common(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="staff-state" className="block text-sm font-medium text-slate-700">
            {t("filters.state")}
          </label>
          <select id="staff-state" name="state" defaultValue={params.state} className={cn(inputClass, "w-40")}>
            {staffStateFilters.map((state) => (
              <option key={state} value={state}>
                {t(`state.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("filters.apply")}
        </Button>
        {filtered ? (
          <Link href="/staff" className="pb-2 text-sm text-brand-700 hover:underline">
            {t("filters.clear")}
          </Link>
        ) : null}
      </form>

      {items.length === 0 ? (
        <EmptyState title={t("empty")} body={t("emptyBody")} />
      ) : (
        <Table caption={t("caption")}>
          <thead>
            <tr>
              <Th>{t("columns.name")}</Th>
              <Th>{t("columns.email")}</Th>
              <Th>{t("columns.role")}</Th>
              <Th>{t("columns.state")}</Th>
              <Th>{t("columns.lastSignIn")}</Th>
              <Th>{t("columns.created")}</Th>
            </tr>
          </thead>
          <TBody>
            {items.map((member) => (
              <tr key={member.id} className={member.disabledAt ? "text-slate-500" : undefined}>
                <Td>
                  <Link href={`/staff/${member.id}`} className="font-medium text-brand-700 hover:underline">
                    {member.name}
                  </Link>
                  {member.id === me.id ? <span className="ml-1 text-xs text-slate-500">({t("you")})</span> : null}
                </Td>
                <Td className="text-slate-700">{member.email}</Td>
                <Td>
                  <RoleBadge role={member.role} />
                </Td>
                <Td>
                  <StaffStateBadge disabledAt={member.disabledAt} />
                </Td>
                <Td>
                  {member.lastSignInAt ? (
                    <HkTime value={member.lastSignInAt} />
                  ) : (
                    <span className="text-slate-500">{t("never")}</span>
                  )}
                </Td>
                <Td>
                  <HkTime value={member.createdAt} dateOnly />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      {params.after || hasMore ? (
        <nav className="mt-4 flex gap-4 text-sm" aria-label={t("pages")}>
          {params.after ? (
            <Link href={query()} className="text-brand-700 hover:underline">
              {t("firstPage")}
            </Link>
          ) : null}
          {hasMore && last ? (
            <Link href={query(encodeCursor([last.name, last.id]))} className="text-brand-700 hover:underline">
              {t("nextPage")} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
