import { requireStaff } from "@/lib/auth/session";

/** Decides the 403 before the staff list streams behind loading.tsx, so the status is kept. */
export default async function StaffListLayout({ children }: { children: React.ReactNode }) {
  await requireStaff({ permission: "manageStaff" });
  return children;
}
