import { ConsoleShell } from "@/components/layout/console-shell";
import { requireStaff } from "@/lib/auth/session";
import { CustomerSearchBox } from "./customers/search-box";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  return (
    <ConsoleShell staff={staff} search={<CustomerSearchBox />}>
      {children}
    </ConsoleShell>
  );
}
