import { cache } from "react";
import { getCardPage } from "@/db/queries/card-page";
import { routeId } from "@/lib/domain/route-id";

/**
 * The card page's head (card, numbers, periods, lifecycle, goodwill) in one
 * statement, read once per request: the layout's 404 check, the title and
 * the page all share it.
 */
export const loadCardPage = cache(async (customerIdParam: string, cardIdParam: string) => {
  const customerId = routeId(customerIdParam);
  const cardId = routeId(cardIdParam);
  return customerId && cardId ? getCardPage({ customerId, cardId }) : null;
});
