import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { HkTime } from "@/components/ui/hk-time";
import { PageHeader } from "@/components/ui/panel";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { db } from "@/db";
import { listOpenSessions } from "@/db/queries/staff-session";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { SignOutEverywhereForm } from "./sign-out-everywhere-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security.sessions"))("title") };
}

/** "Chrome on Linux" from a user agent, or the first words of it. */
function describeAgent(agent: string | null): string {
  if (!agent) return "—";
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Chrome\//.test(agent)
      ? "Chrome"
      : /Firefox\//.test(agent)
        ? "Firefox"
        : /Safari\//.test(agent)
          ? "Safari"
          : null;
  const os = /Windows/.test(agent)
    ? "Windows"
    : /Mac OS X/.test(agent)
      ? "macOS"
      : /Android/.test(agent)
        ? "Android"
        : /iPhone|iPad/.test(agent)
          ? "iOS"
          : /Linux/.test(agent)
            ? "Linux"
            : null;
  return browser && os ? `${browser} · ${os}` : agent.slice(0, 40);
}

async function SessionsPage() {
  const me = await requireStaff({ twoFactorExempt: true });
  const t = await getTranslations("security.sessions");
  const sessions = await listOpenSessions(me.id, { idleSeconds: env().SESSION_IDLE_SECONDS }, db);
  return (
    <div className="max-w-5xl">
      <Link href="/account" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("description", {
          idle: Math.round(env().SESSION_IDLE_SECONDS / 60),
          max: Math.round(env().SESSION_MAX_SECONDS / 3600),
        })}
        actions={<SignOutEverywhereForm />}
      />
      <Table caption={t("title")}>
        <thead>
          <tr>
            <Th>{t("browser")}</Th>
            <Th>{t("address")}</Th>
            <Th>{t("signedIn")}</Th>
            <Th>{t("lastSeen")}</Th>
            <Th>{t("expires")}</Th>
          </tr>
        </thead>
        <TBody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <Td>
                {describeAgent(session.userAgent)}{" "}
                {session.id === me.sessionId ? <Badge tone="blue">{t("thisBrowser")}</Badge> : null}
              </Td>
              <Td className="font-mono text-xs">{session.address ?? "—"}</Td>
              <Td>
                <HkTime value={session.createdAt} />
              </Td>
              <Td>
                <HkTime value={session.lastSeenAt} />
              </Td>
              <Td>
                <HkTime value={session.expiresAt} />
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

export default withClientMessages(["security.sessions"], SessionsPage);
