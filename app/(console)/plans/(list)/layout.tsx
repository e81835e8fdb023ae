import { requireStaff } from "@/lib/auth/session";

/** Signs the request in before the catalog streams behind loading.tsx, so a signed-out visit still redirects. */
export default async function PlanListLayout({ children }: { children: React.ReactNode }) {
  await requireStaff();
  return children;
}
