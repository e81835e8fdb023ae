import type { SearchResult } from "@/db/queries/customer-search";
import { deriveCardState, type CardState } from "@/lib/domain/card-state";
import { matchedValue, type Lookup, type MatchReason } from "@/lib/domain/search-classifier";
import { formatMsisdn } from "@/lib/domain/identifiers";
import type { SuspensionReason } from "@/lib/domain/enums";

export function cardHref(customerId: number, cardId: number): string {
  return `/customers/${customerId}/cards/${cardId}`;
}

/** What a results row and a suggestion show; plain data, so it can cross to the browser. */
export interface ResultLine {
  key: string;
  href: string;
  customerId: number;
  cardId: number | null;
  nameZh: string | null;
  nameEn: string | null;
  reason: MatchReason;
  matched: string;
  state: CardState | null;
  /** A paid renewal the carrier has not activated: "paid — not active yet". */
  notActiveYet: boolean;
  validityEnd: Date | null;
  numbers: string[];
  plan: { en: string; zh: string; zhHant: string } | null;
  /** Remaining MB in the period in use now; null when no period is running. */
  dataLeft: { cnMb: number; hkMb: number } | null;
  /** For the lifecycle note under the state (lifecycle-note.tsx). */
  suspensionReason: SuspensionReason | null;
  suspendedAt: Date | null;
  suspendedByName: string | null;
  replacedByCardId: number | null;
}

export function toResultLine(
  result: SearchResult,
  search: { text: string; lookups: Lookup[] },
  now: Date,
  graceDays: number,
): ResultLine {
  const { card } = result;
  const period = card?.period;
  const info = card ? deriveCardState(card, now, graceDays) : null;
  return {
    key: `${result.customerId}-${result.cardId ?? 0}`,
    // A receipt number or payment reference opens that renewal's receipt.
    href:
      result.renewalId !== null
        ? `/renewals/${result.renewalId}`
        : result.cardId === null
          ? `/customers/${result.customerId}`
          : cardHref(result.customerId, result.cardId),
    customerId: result.customerId,
    cardId: result.cardId,
    nameZh: result.nameZh,
    nameEn: result.nameEn,
    reason: result.reason,
    matched: matchedValue(result.reason, search),
    state: info?.state ?? null,
    notActiveYet: info?.notActiveYet ?? false,
    validityEnd: info?.servedUntil ?? null,
    numbers: card?.numbers.filter((n) => !n.releasedAt).map((n) => formatMsisdn(n.msisdn)) ?? [],
    plan: period ? { en: period.planNameEn, zh: period.planNameZh, zhHant: period.planNameZhHant } : null,
    dataLeft: card?.dataLeft ?? null,
    suspensionReason: card?.suspensionReason ?? null,
    suspendedAt: card?.suspendedAt ?? null,
    suspendedByName: card?.suspendedByName ?? null,
    replacedByCardId: card?.replacedByCardId ?? null,
  };
}
