import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Panel, PageHeader } from "@/components/ui/panel";
import { requireStaff } from "@/lib/auth/session";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { createStaffAction } from "../actions";
import { CreateStaffForm } from "./create-staff-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.new"))("title") };
}

async function NewStaffPage() {
  await requireStaff({ permission: "manageStaff" });
  const t = await getTranslations("staff");
  return (
    <div className="max-w-3xl">
      <Link href="/staff" className="text-sm text-brand-700 hover:underline">
        ← {t("detail.back")}
      </Link>
      <PageHeader title={t("new.title")} description={t("new.description")} />
      <Panel>
        <CreateStaffForm action={createStaffAction} passwordMinLength={PASSWORD_MIN_LENGTH} />
      </Panel>
    </div>
  );
}

export default withClientMessages(["staff"], NewStaffPage);
