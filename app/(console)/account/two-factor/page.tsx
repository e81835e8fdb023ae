import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, Panel } from "@/components/ui/panel";
import { pendingTwoFactorSecret } from "@/db/mutations/begin-two-factor-enrolment";
import { getTwoFactorStatus } from "@/db/queries/two-factor";
import { requireStaff } from "@/lib/auth/session";
import { open } from "@/lib/auth/secret-box";
import { totpUri } from "@/lib/auth/totp";
import { env } from "@/lib/env";
import { BeginForm, ScanAndConfirm } from "./two-factor-forms";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security.twoFactor"))("title") };
}

/** Groups of four, as authenticator apps show a key typed by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(" ");

async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requireStaff({ twoFactorExempt: true });
  const t = await getTranslations("security.twoFactor");
  const required = (await searchParams).required === "1";
  const status = await getTwoFactorStatus(me.id);
  const sealed = status.enrolled ? null : await pendingTwoFactorSecret(me.id);
  const secret = sealed ? open(sealed, env().AUTH_SECRET) : null;
  // Rendered here as SVG markup from our own otpauth URI: no image request, nothing for the CSP to allow.
  const qr = secret ? await QRCode.toString(totpUri(secret, me.email), { type: "svg", margin: 1, width: 200 }) : null;

  return (
    <div className="max-w-3xl">
      <Link href="/account" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("title")} description={t("description")} />
      {required && !status.enrolled ? (
        <Notice tone="warning" className="mb-4">
          {t("requiredNotice")}
        </Notice>
      ) : null}
      {status.enrolled ? (
        <Panel>
          <p className="text-sm text-slate-700">
            {t("onSince")} <HkTime value={status.enrolledAt!} />. {t("codesLeft", { count: status.recoveryCodesLeft })}
          </p>
          <p className="mt-2 text-sm text-slate-600">{t("resetByAdmin")}</p>
        </Panel>
      ) : secret && qr ? (
        <Panel>
          <ScanAndConfirm qrSvg={qr} groupedKey={grouped(secret)} />
        </Panel>
      ) : (
        <Panel>
          <p className="mb-3 text-sm text-slate-700">{t("intro")}</p>
          <BeginForm />
        </Panel>
      )}
    </div>
  );
}

export default withClientMessages(["security.twoFactor"], TwoFactorPage);
