import { notFound } from "next/navigation";
import { renewalExists } from "@/db/queries/exists";
import { requireStaff } from "@/lib/auth/session";

/** Decides the 404 before the receipt streams behind loading.tsx, so the status stays 404. */
export default async function ReceiptLayout({
  params,
  children,
}: {
  params: Promise<{ renewalId: string }>;
  children: React.ReactNode;
}) {
  await requireStaff();
  const { renewalId } = await params;
  if (!/^[1-9]\d{0,9}$/.test(renewalId) || !(await renewalExists(Number(renewalId)))) notFound();
  return children;
}
