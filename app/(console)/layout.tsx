import { ConsoleShell } from "@/components/layout/console-shell";
import { requireStaff } from "@/lib/auth/session";
import { signOutAction } from "../(auth)/login/actions";
import { CustomerSearchBox } from "./customers/search-box";
import { StuckActivationsFlag } from "./renewals/activation/stuck-activations-flag";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  return (
    <ConsoleShell staff={staff} search={<CustomerSearchBox />} signOutAction={signOutAction}>
      <StuckActivationsFlag staff={staff} />
      {children}
    </ConsoleShell>
  );
}
