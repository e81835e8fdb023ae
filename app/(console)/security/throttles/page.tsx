import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { listSignInThrottles } from "@/db/queries/sign-in-throttles";
import { requireStaff } from "@/lib/auth/session";
import { SecurityNav } from "../security-nav";
import { ClearThrottleForm } from "./clear-throttle-form";
import { withRuntimeKeys } from "@/lib/i18n/runtime-key";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security.throttles"))("title") };
}

async function ThrottlesPage() {
  await requireStaff({ permission: "manageStaff" });
  const t = await getTranslations("security.throttles");
  const tRuntime = withRuntimeKeys(t);
  const rows = await listSignInThrottles();
  return (
    <div>
      <PageHeader title={(await getTranslations("security.log"))("title")} />
      <SecurityNav current="throttles" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("description")}</p>
      {rows.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <Table caption={t("title")}>
          <thead>
            <tr>
              <Th>{t("bucket")}</Th>
              <Th>{t("subject")}</Th>
              <Th numeric>{t("failures")}</Th>
              <Th>{t("lastFailure")}</Th>
              <Th>{t("state")}</Th>
              <Th>
                <span className="sr-only">{t("clear")}</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {rows.map((row) => (
              <tr key={row.key}>
                <Td>{tRuntime.has(`kinds.${row.kind}`) ? tRuntime(`kinds.${row.kind}`) : row.kind}</Td>
                <Td className="font-mono text-xs">{row.subject}</Td>
                <Td numeric>{row.failures}</Td>
                <Td>{row.lastFailureAt ? <HkTime value={row.lastFailureAt} /> : "—"}</Td>
                <Td>
                  {row.delayed && row.lockedUntil ? (
                    <Badge tone="red" className="gap-1">
                      {t("delayedUntil")} <HkTime value={row.lockedUntil} />
                    </Badge>
                  ) : (
                    <Badge tone="amber">{t("counting")}</Badge>
                  )}
                </Td>
                <Td>
                  <ClearThrottleForm throttleKey={row.key} subject={row.subject} />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}

export default withClientMessages(["security.throttles"], ThrottlesPage);
