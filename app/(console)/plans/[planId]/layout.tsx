import { notFound } from "next/navigation";
import { planExists } from "@/db/queries/exists";
import { requireStaff } from "@/lib/auth/session";
import { routeId } from "@/lib/domain/route-id";

/** Decides 403 and 404 before the plan streams behind loading.tsx, so the status is kept. */
export default async function PlanLayout({
  params,
  children,
}: {
  params: Promise<{ planId: string }>;
  children: React.ReactNode;
}) {
  await requireStaff({ permission: "manageCatalog" });
  const planId = routeId((await params).planId);
  if (planId === null || !(await planExists(planId))) notFound();
  return children;
}
