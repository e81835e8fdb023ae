import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "./sign-out-button";
import type { ActionResult } from "@/lib/action";
import type { StaffSession } from "@/lib/auth/session";
import { may } from "@/lib/domain/permissions";
import { LanguageSwitch } from "./language-switch";
import { NavLink } from "./nav-link";
import { MobileNav } from "./mobile-nav";
import { RouteFocus } from "./route-focus";
import { RouteProgress } from "./route-progress";
import { PaletteProvider } from "@/components/palette/palette-context";
import { PaletteButton } from "@/components/palette/palette-button";
import { ShortcutKeys } from "@/components/palette/shortcut-keys";
import { Toaster } from "@/components/ui/toaster";

/** Sidebar, header and content area for every signed-in page. */
export async function ConsoleShell({
  staff,
  search,
  palette,
  signOutAction,
  children,
}: {
  staff: StaffSession;
  search?: React.ReactNode;
  /** Passed in by the route layout: components never import from app/. */
  signOutAction: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  /** The command palette, given by the layout (it carries the search action). */
  palette?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = await getTranslations("nav");
  const common = await getTranslations("common");
  const links = [
    { href: "/customers", label: t("customers") },
    { href: "/plans", label: t("plans") },
    { href: "/reports", label: t("reports") },
    ...(may.viewActivationQueue(staff) ? [{ href: "/renewals/activation", label: t("activations") }] : []),
    ...(may.runCashDrawer(staff) ? [{ href: "/drawer", label: t("drawer") }] : []),
    ...(may.reconcileSettlements(staff) ? [{ href: "/reconciliation", label: t("reconciliation") }] : []),
    ...(may.manageStaff(staff) ? [{ href: "/staff", label: t("staff") }] : []),
    ...(may.viewSecurityLog(staff) ? [{ href: "/security", label: t("security") }] : []),
  ];
  const navLinks = (
    <nav aria-label={t("label")} className="space-y-1">
      {links.map((link) => (
        <NavLink key={link.href} href={link.href}>
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
  return (
    <PaletteProvider staffId={staff.id} role={staff.role}>
      <Toaster closeLabel={common("close")}>
        <RouteProgress label={common("loading")} />
        <RouteFocus />
        <div className="flex min-h-screen">
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
          >
            {common("skipToContent")}
          </a>
          <aside className="no-print hidden w-56 shrink-0 flex-col bg-slate-900 px-3 py-4 lg:flex">
            <p className="px-3 pb-4 text-base font-semibold text-white">{common("appName")}</p>
            {navLinks}
          </aside>
          <div className="flex min-w-0 flex-1 flex-col">
            <header className="no-print flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-6 sm:py-3">
              <MobileNav menuLabel={t("menu")} closeLabel={common("close")} title={common("appName")}>
                {navLinks}
                <div className="mt-6 sm:hidden">
                  <LanguageSwitch />
                </div>
              </MobileNav>
              <div className="order-last min-w-0 basis-full md:order-none md:basis-auto md:flex-1">{search}</div>
              <PaletteButton label={t("palette")} />
              <div className="hidden sm:block">
                <LanguageSwitch />
              </div>
              <div className="ml-auto hidden text-right text-sm leading-tight sm:block md:ml-0">
                <Link
                  href="/account"
                  className="block font-medium text-slate-900 hover:underline"
                  data-testid="staff-name"
                >
                  {staff.name}
                </Link>
                <p className="text-xs text-slate-600">{common(`roles.${staff.role}`)}</p>
              </div>
              <div className="ml-auto sm:ml-0">
                <SignOutButton action={signOutAction} label={common("signOut")} />
              </div>
            </header>
            <main id="main" className="min-w-0 flex-1 px-3 py-4 sm:px-6 sm:py-6">
              {children}
            </main>
          </div>
        </div>
        {palette}
        <ShortcutKeys />
      </Toaster>
    </PaletteProvider>
  );
}
