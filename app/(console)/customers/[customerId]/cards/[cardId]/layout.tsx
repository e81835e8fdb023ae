import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { loadCardPage } from "./load-card-page";
import { withClientMessages } from "@/lib/i18n/client-messages";

/** Decides the 404 before the card (or its renew form) streams behind loading.tsx, so the status stays 404. */
async function CardLayout({
  params,
  children,
}: {
  params: Promise<{ customerId: string; cardId: string }>;
  children: React.ReactNode;
}) {
  await requireStaff({ permission: "lookUpCustomers" });
  const { customerId, cardId } = await params;
  // The card page's own head statement, cached for the request: the page below reuses it.
  if (!(await loadCardPage(customerId, cardId))) notFound();
  return children;
}

export default withClientMessages(["desk.context"], CardLayout);
