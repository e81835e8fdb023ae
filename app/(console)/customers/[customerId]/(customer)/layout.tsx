import { notFound } from "next/navigation";
import { customerExists } from "@/db/queries/exists";
import { requireStaff } from "@/lib/auth/session";
import { routeId } from "@/lib/domain/route-id";

/** Decides 403 and 404 before the customer streams behind loading.tsx, so the status is kept (card routes have their own). */
export default async function CustomerLayout({
  params,
  children,
}: {
  params: Promise<{ customerId: string }>;
  children: React.ReactNode;
}) {
  await requireStaff({ permission: "lookUpCustomers" });
  const customerId = routeId((await params).customerId);
  if (customerId === null || !(await customerExists(customerId))) notFound();
  return children;
}
