import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader, Panel } from "@/components/ui/panel";
import { listOwnDrawers } from "@/db/queries/cash-drawers";
import { requireStaff } from "@/lib/auth/session";
import { may } from "@/lib/domain/permissions";
import { hkDay } from "@/lib/domain/time";
import { CloseDrawerForm, OpenDrawerForm } from "./drawer-forms";
import { DrawerPanel } from "./drawer-panel";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("drawer"))("title") };
}

/** The signed-in agent's own drawers for today's Hong Kong day: open, watch, close. */
async function MyDrawerPage() {
  const staff = await requireStaff({ permission: "runCashDrawer" });
  const t = await getTranslations("drawer");
  const day = hkDay(new Date());
  const drawers = await listOwnDrawers(staff.id, day);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { day })}
        actions={
          may.superviseCashDrawers(staff) ? (
            <Link href="/drawer/day" className="text-sm font-medium text-brand-700 hover:underline">
              {t("day.link")}
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        {drawers.length === 0 ? <EmptyState title={t("none")} body={t("noneBody")} /> : null}
        {drawers.map((drawer) => (
          <DrawerPanel key={drawer.id} drawer={drawer}>
            {drawer.status === "open" ? (
              <section aria-labelledby={`close-${drawer.id}`} className="space-y-2 border-t border-slate-100 pt-4">
                <h3 id={`close-${drawer.id}`} className="text-sm font-semibold text-slate-800">
                  {t("close.title")}
                </h3>
                <CloseDrawerForm drawerId={drawer.id} currency={drawer.currency} />
              </section>
            ) : (
              <p className="text-sm text-slate-600">{t("close.immutable")}</p>
            )}
          </DrawerPanel>
        ))}
        {drawers.length < 2 ? (
          <Panel title={t("open.title")}>
            <OpenDrawerForm currenciesOpen={drawers.map((d) => d.currency)} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}

export default withClientMessages(["drawer"], MyDrawerPage);
