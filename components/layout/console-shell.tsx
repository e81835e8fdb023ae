import { getTranslations } from "next-intl/server";
import { SignOutButton } from "./sign-out-button";
import type { ActionResult } from "@/lib/action";
import type { StaffSession } from "@/lib/auth/session";
import { may } from "@/lib/domain/permissions";
import { LanguageSwitch } from "./language-switch";
import { NavLink } from "./nav-link";

/** Sidebar, header and content area for every signed-in page. */
export async function ConsoleShell({
  staff,
  search,
  signOutAction,
  children,
}: {
  staff: StaffSession;
  search?: React.ReactNode;
  /** Passed in by the route layout: components never import from app/. */
  signOutAction: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  children: React.ReactNode;
}) {
  const t = await getTranslations("nav");
  const common = await getTranslations("common");
  const links = [
    { href: "/customers", label: t("customers") },
    { href: "/plans", label: t("plans") },
    { href: "/reports", label: t("reports") },
    ...(may.viewActivationQueue(staff) ? [{ href: "/renewals/activation", label: t("activations") }] : []),
    ...(may.manageStaff(staff) ? [{ href: "/staff", label: t("staff") }] : []),
  ];
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {common("skipToContent")}
      </a>
      <aside className="no-print flex w-56 shrink-0 flex-col bg-slate-900 px-3 py-4">
        <p className="px-3 pb-4 text-base font-semibold text-white">{common("appName")}</p>
        <nav aria-label={t("label")} className="space-y-1">
          {links.map((link) => (
            <NavLink key={link.href} href={link.href}>
              {link.label}
            </NavLink>
          ))}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print flex items-center gap-4 border-b border-slate-200 bg-white px-6 py-3">
          <div className="min-w-0 flex-1">{search}</div>
          <LanguageSwitch />
          <div className="text-right text-sm leading-tight">
            <p className="font-medium text-slate-900" data-testid="staff-name">
              {staff.name}
            </p>
            <p className="text-xs text-slate-500">{common(`roles.${staff.role}`)}</p>
          </div>
          <SignOutButton action={signOutAction} label={common("signOut")} />
        </header>
        <main id="main" className="flex-1 px-6 py-6">
          {children}
        </main>
      </div>
    </div>
  );
}
