import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { Notice } from "@/components/ui/notice";
import { getStaff } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { LoginForm } from "./login-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? safeCallbackPath(params.callbackUrl) : undefined;
  // A valid session skips the form; a stale one (disabled, version bumped) does not.
  if (await getStaff()) redirect(callbackUrl ?? "/customers");
  const t = await getTranslations("auth");
  const common = await getTranslations("common");
  const reason = params.reason;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-slate-900">{common("appName")}</p>
          <p className="mt-1 text-sm text-slate-600">{common("tagline")}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold">{t("title")}</h1>
          <p className="mb-4 text-sm text-slate-600">{t("subtitle")}</p>
          {reason === "signed-out" ? <Notice className="mb-4">{t("sessionEnded")}</Notice> : null}
          {reason === "idle" ? <Notice className="mb-4">{t("sessionIdle")}</Notice> : null}
          {reason === "expired" ? <Notice className="mb-4">{t("sessionExpired")}</Notice> : null}
          {reason === "signed-out-by-you" ? (
            <Notice tone="success" className="mb-4">
              {t("signedOut")}
            </Notice>
          ) : null}
          <LoginForm callbackUrl={callbackUrl} />
        </div>
        <div className="mt-4 flex justify-center">
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}

export default withClientMessages(["auth"], LoginPage);
