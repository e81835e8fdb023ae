import { ConsoleShell } from "@/components/layout/console-shell";
import { CommandPalette } from "@/components/palette/command-palette";
import { requireStaff } from "@/lib/auth/session";
import { may } from "@/lib/domain/permissions";
import { signOutAction } from "../(auth)/login/actions";
import { suggestCustomersAction } from "./customers/actions";
import { CustomerSearchBox } from "./customers/search-box";
import { StuckActivationsFlag } from "./renewals/activation/stuck-activations-flag";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // The shell only needs who is here; each page enforces roles and 2FA enrolment itself.
  const staff = await requireStaff({ twoFactorExempt: true });
  return (
    <ConsoleShell
      staff={staff}
      search={<CustomerSearchBox />}
      signOutAction={signOutAction}
      palette={
        <CommandPalette
          search={suggestCustomersAction}
          canManageStaff={may.manageStaff(staff)}
          canReconcile={may.reconcileSettlements(staff)}
        />
      }
    >
      <StuckActivationsFlag staff={staff} />
      {children}
    </ConsoleShell>
  );
}
