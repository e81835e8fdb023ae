import { routeId } from "@/lib/domain/route-id";

/** The worklist rows after the one being renewed, carried in the URL so the receipt can offer "next in the worklist". */
export interface QueuedCard {
  customerId: number;
  cardId: number;
}

export const QUEUE_MAX = 50;

export function formatQueue(cards: readonly QueuedCard[]): string {
  return cards
    .slice(0, QUEUE_MAX)
    .map((c) => `${c.customerId}-${c.cardId}`)
    .join(".");
}

/** Reads ?queue=; anything malformed is dropped, never trusted. */
export function parseQueue(value: string | string[] | undefined | null): QueuedCard[] {
  if (typeof value !== "string" || value.length > 2000) return [];
  const cards: QueuedCard[] = [];
  for (const part of value.split(".").slice(0, QUEUE_MAX)) {
    const match = /^(\d{1,10})-(\d{1,10})$/.exec(part);
    const customerId = match ? routeId(match[1]!) : null;
    const cardId = match ? routeId(match[2]!) : null;
    if (customerId && cardId) cards.push({ customerId, cardId });
  }
  return cards;
}

/** Where "next in the worklist" goes: the next card's renew page, carrying the rest of the queue. */
export function nextInQueue(queue: readonly QueuedCard[]): { href: string; card: QueuedCard } | null {
  const [next, ...rest] = queue;
  if (!next) return null;
  const tail = formatQueue(rest);
  return {
    card: next,
    href: `/customers/${next.customerId}/cards/${next.cardId}/renew${tail ? `?queue=${tail}` : ""}`,
  };
}
