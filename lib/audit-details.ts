import { formatHkt, formatNumber, type Locale } from "@/lib/domain/format";
import { formatMoney, type Currency } from "@/lib/domain/money";

/** One line of an audit entry as staff read it: a translated label and a formatted value. */
export interface AuditDetail {
  key: string;
  value: string;
}

const MONEY_IN_ROW_CURRENCY = new Set(["priceMinor", "refundMinor", "amountMinor"]);
const MONEY_IN_HKD = new Set(["storedValueHkdMinor"]);
const INSTANTS = new Set(["validityEnd", "previousValidityEnd", "newValidityEnd", "startsAt", "endsAt"]);
/** Ids and codes already shown elsewhere (the entity line) or meaningless to staff. */
const HIDDEN = new Set(["renewalId", "planVersionId", "copyId", "currency"]);
const isCurrency = (value: unknown): value is Currency => value === "HKD" || value === "CNY";

/**
 * An audit row's "after" as readable fields: instants in Hong Kong time, money
 * formatted in its currency (the row's own, or HKD for stored value), enum
 * values through `translateValue` (payment methods, rules), in a stable order.
 * Unknown fields are kept, so nothing recorded is ever hidden by a new key.
 */
export function auditDetails(
  after: unknown,
  locale: Locale,
  translateValue: (key: string, value: string) => string | null,
): AuditDetail[] {
  if (!after || typeof after !== "object" || Array.isArray(after)) return [];
  const record = after as Record<string, unknown>;
  const currency = isCurrency(record.currency) ? record.currency : "HKD";
  const out: AuditDetail[] = [];
  for (const [key, raw] of Object.entries(record)) {
    if (HIDDEN.has(key) || raw === null || raw === undefined || raw === "") continue;
    let value: string;
    if (MONEY_IN_ROW_CURRENCY.has(key) && typeof raw === "number") value = formatMoney(raw, currency, locale);
    else if (MONEY_IN_HKD.has(key) && typeof raw === "number") value = formatMoney(raw, "HKD", locale);
    else if (INSTANTS.has(key) && typeof raw === "string" && !Number.isNaN(Date.parse(raw)))
      value = formatHkt(new Date(raw), { locale });
    else if (typeof raw === "number") value = formatNumber(raw, locale);
    else if (typeof raw === "string") value = translateValue(key, raw) ?? raw;
    else value = JSON.stringify(raw);
    out.push({ key, value });
  }
  return out;
}
