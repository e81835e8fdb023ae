import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Panel, PageHeader } from "@/components/ui/panel";
import { requireStaff } from "@/lib/auth/session";
import { createPlanAction } from "../actions";
import { PlanForm } from "../plan-form";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans.new"))("title") };
}

async function NewPlanPage() {
  await requireStaff({ permission: "manageCatalog" });
  const t = await getTranslations("plans");
  return (
    <div className="max-w-4xl">
      <Link href="/plans" className="text-sm text-brand-700 hover:underline">
        ← {t("detail.back")}
      </Link>
      <PageHeader title={t("new.title")} description={t("new.description")} />
      <Panel>
        <PlanForm
          action={createPlanAction}
          defaults={{
            code: "",
            nameEn: "",
            nameZh: "",
            nameZhHant: "",
            sortOrder: "100",
            validityDays: "30",
            dataCn: "",
            dataCnUnit: "GB",
            dataHk: "",
            dataHkUnit: "GB",
            priceHkd: "",
            priceCny: "",
            extensionMode: "stack",
          }}
        />
      </Panel>
    </div>
  );
}

export default withClientMessages(["plans"], NewPlanPage);
