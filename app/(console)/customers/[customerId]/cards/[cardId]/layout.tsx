import { notFound } from "next/navigation";
import { cardExists } from "@/db/queries/exists";
import { requireStaff } from "@/lib/auth/session";
import { routeId } from "@/lib/domain/route-id";

/** Decides the 404 before the card (or its renew form) streams behind loading.tsx, so the status stays 404. */
export default async function CardLayout({
  params,
  children,
}: {
  params: Promise<{ customerId: string; cardId: string }>;
  children: React.ReactNode;
}) {
  await requireStaff({ permission: "lookUpCustomers" });
  const { customerId, cardId } = await params;
  const customer = routeId(customerId);
  const card = routeId(cardId);
  if (customer === null || card === null || !(await cardExists(customer, card))) notFound();
  return children;
}
