import { notFound } from "next/navigation";
import { staffMemberExists } from "@/db/queries/exists";
import { requireStaff } from "@/lib/auth/session";
import { routeId } from "@/lib/domain/route-id";

/** Decides 403 and 404 before the staff member streams behind loading.tsx, so the status is kept. */
export default async function StaffMemberLayout({
  params,
  children,
}: {
  params: Promise<{ staffId: string }>;
  children: React.ReactNode;
}) {
  await requireStaff({ permission: "manageStaff" });
  const staffId = routeId((await params).staffId);
  if (staffId === null || !(await staffMemberExists(staffId))) notFound();
  return children;
}
