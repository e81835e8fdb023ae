import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { HkTime } from "@/components/ui/hk-time";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { securityEventKinds } from "@/lib/domain/enums";
import { listSecurityEvents } from "@/db/queries/security-events";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { parseSecurityLogParams } from "@/lib/validation/security";
import { SecurityNav } from "./security-nav";
import { withRuntimeKeys } from "@/lib/i18n/runtime-key";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security.log"))("title") };
}

function detailText(detail: unknown): string {
  if (!detail || typeof detail !== "object") return "";
  return Object.entries(detail as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(" · ");
}

export default async function SecurityLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff({ permission: "viewSecurityLog" });
  const t = await getTranslations("security.log");
  const filter = parseSecurityLogParams(await searchParams);
  const { items, nextBefore } = await listSecurityEvents(filter);
  const query = new URLSearchParams(
    Object.entries({ kind: filter.kind, staff: filter.staff, address: filter.address }).filter(([, v]) => v),
  );
  const tRuntime = withRuntimeKeys(t);
  const label = (kind: string) => (tRuntime.has(`kinds.${kind}`) ? tRuntime(`kinds.${kind}`) : kind);

  return (
    <div>
      <PageHeader title={t("title")} description={t("description", { days: env().SECURITY_EVENTS_RETENTION_DAYS })} />
      <SecurityNav current="log" />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <div className="space-y-1">
          <label htmlFor="filter-kind" className="block text-sm font-medium text-slate-700">
            {t("kind")}
          </label>
          <select id="filter-kind" name="kind" defaultValue={filter.kind} className={inputClass}>
            <option value="">{t("allKinds")}</option>
            {securityEventKinds.map((kind) => (
              <option key={kind} value={kind}>
                {label(kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-staff" className="block text-sm font-medium text-slate-700">
            {t("staff")}
          </label>
          <input id="filter-staff" name="staff" defaultValue={filter.staff} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-address" className="block text-sm font-medium text-slate-700">
            {t("address")}
          </label>
          <input id="filter-address" name="address" defaultValue={filter.address} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("apply")}
        </button>
        {query.size > 0 ? (
          <Link href="/security" className="text-sm text-brand-700 hover:underline">
            {t("clear")}
          </Link>
        ) : null}
      </form>
      {items.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <Table caption={t("title")}>
          <thead>
            <tr>
              <Th>{t("when")}</Th>
              <Th>{t("event")}</Th>
              <Th>{t("member")}</Th>
              <Th>{t("by")}</Th>
              <Th>{t("address")}</Th>
              <Th>{t("detail")}</Th>
            </tr>
          </thead>
          <TBody>
            {items.map((event) => (
              <tr key={event.id}>
                <Td className="whitespace-nowrap">
                  <HkTime value={event.occurredAt} />
                </Td>
                <Td className="whitespace-nowrap font-medium">{label(event.kind)}</Td>
                <Td>
                  {event.staffId ? (
                    <Link href={`/staff/${event.staffId}`} className="text-brand-700 hover:underline">
                      {event.staffName}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td>{event.actorName ?? "—"}</Td>
                <Td className="font-mono text-xs">{event.address ?? "—"}</Td>
                <Td className="text-xs text-slate-600">{detailText(event.detail)}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      {nextBefore ? (
        <div className="mt-4">
          <Link
            href={`/security?${new URLSearchParams([...query, ["before", String(nextBefore)]])}`}
            className={buttonClass("secondary")}
          >
            {t("older")}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
