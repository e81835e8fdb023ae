import { notFound } from "next/navigation";
import { renewalExists } from "@/db/queries/exists";
import { requireStaff } from "@/lib/auth/session";
import { routeId } from "@/lib/domain/route-id";

/** Decides the 404 before the receipt streams behind loading.tsx, so the status stays 404. */
export default async function ReceiptLayout({
  params,
  children,
}: {
  params: Promise<{ renewalId: string }>;
  children: React.ReactNode;
}) {
  await requireStaff({ permission: "lookUpCustomers" });
  const renewalId = routeId((await params).renewalId);
  if (!renewalId || !(await renewalExists(renewalId))) notFound();
  return children;
}
