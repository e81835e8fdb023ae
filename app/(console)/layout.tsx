import { ConsoleShell } from "@/components/layout/console-shell";
import { requireStaff } from "@/lib/auth/session";
import { signOutAction } from "../(auth)/login/actions";
import { CustomerSearchBox } from "./customers/search-box";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // The shell only needs who is here; each page enforces roles and 2FA enrolment itself.
  const staff = await requireStaff({ twoFactorExempt: true });
  return (
    <ConsoleShell staff={staff} search={<CustomerSearchBox />} signOutAction={signOutAction}>
      {children}
    </ConsoleShell>
  );
}
