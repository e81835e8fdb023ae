import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/panel";
import { getCashDrawer } from "@/db/queries/cash-drawers";
import { requireStaff } from "@/lib/auth/session";
import { routeId } from "@/lib/domain/route-id";
import { CorrectionForm, SignOffForm } from "../drawer-forms";
import { DrawerPanel } from "../drawer-panel";
import { withClientMessages } from "@/lib/i18n/client-messages";

type Props = { params: Promise<{ drawerId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("drawer"))("title") };
}

/** A supervisor's view of one drawer: sign off its close, or add a correction. */
async function DrawerPage({ params }: Props) {
  const staff = await requireStaff({ permission: "superviseCashDrawers" });
  const id = routeId((await params).drawerId);
  const drawer = id ? await getCashDrawer(id) : null;
  if (!drawer) notFound();
  const t = await getTranslations("drawer");
  return (
    <>
      <PageHeader
        title={t("detail.title", { name: drawer.staffName, currency: drawer.currency, day: drawer.day })}
        actions={
          <Link href={`/drawer/day?day=${drawer.day}`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("detail.back")}
          </Link>
        }
      />
      <DrawerPanel drawer={drawer}>
        {drawer.status === "closed" ? (
          <section aria-labelledby="sign-off" className="space-y-2 border-t border-slate-100 pt-4">
            <h3 id="sign-off" className="text-sm font-semibold text-slate-800">
              {t("signOff.title")}
            </h3>
            {drawer.staffId === staff.id ? (
              <p className="text-sm text-slate-600">{t("errors.ownDrawer")}</p>
            ) : (
              <SignOffForm drawerId={drawer.id} />
            )}
          </section>
        ) : null}
        <section aria-labelledby="correct" className="space-y-2 border-t border-slate-100 pt-4">
          <h3 id="correct" className="text-sm font-semibold text-slate-800">
            {t("correct.title")}
          </h3>
          <CorrectionForm drawerId={drawer.id} idempotencyKey={randomUUID()} />
        </section>
      </DrawerPanel>
    </>
  );
}

export default withClientMessages(["drawer"], DrawerPage);
