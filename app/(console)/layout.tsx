import { ConsoleShell } from "@/components/layout/console-shell";
import { CommandPalette } from "@/components/palette/command-palette";
import { requireStaff } from "@/lib/auth/session";
import { hasRole } from "@/lib/roles";
import { suggestCustomersAction } from "./customers/actions";
import { CustomerSearchBox } from "./customers/search-box";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  return (
    <ConsoleShell
      staff={staff}
      search={<CustomerSearchBox />}
      palette={<CommandPalette search={suggestCustomersAction} isAdmin={hasRole(staff.role, "admin")} />}
    >
      {children}
    </ConsoleShell>
  );
}
