import type { Currency, SettlementLineKind, SettlementOutcome } from "../enums";
import type { SettlementLine } from "./parse";

/** A console payment or refund of the file's method, as matching needs it. */
export interface ConsoleMoney {
  kind: SettlementLineKind;
  /** payments.id or refunds.id, by kind. */
  id: number;
  reference: string | null;
  amountMinor: number;
  currency: Currency;
  at: Date;
}

export interface MatchedLine {
  line: SettlementLine | null;
  outcome: SettlementOutcome;
  console: ConsoleMoney | null;
}

export type MatchRefusal =
  | { code: "ambiguous_reference"; line: number; reference: string }
  | { code: "repeated_reference"; line: number; firstLine: number; reference: string };

export type MatchResult = { ok: true; lines: MatchedLine[] } | { ok: false; refusal: MatchRefusal };

const keyOf = (kind: SettlementLineKind, reference: string) => `${kind}:${reference}`;

/**
 * Matches a file's lines with the console's money of the same method on
 * normalised reference, then compares amount and currency (DOMAIN.md, "Money
 * at the end of the day"). `candidates` are the console rows whose reference
 * appears in the file; `inPeriod` the console rows dated inside the file's
 * days, listed only once those days are over: those the file lacks are
 * "missing in the file". A reference that finds two console rows, or one the
 * file lists twice, refuses the whole file, naming the line.
 */
export function matchSettlement(
  lines: readonly SettlementLine[],
  candidates: readonly ConsoleMoney[],
  inPeriod: readonly ConsoleMoney[] | null,
): MatchResult {
  const byReference = new Map<string, ConsoleMoney[]>();
  for (const money of candidates) {
    if (!money.reference) continue;
    const key = keyOf(money.kind, money.reference);
    byReference.set(key, [...(byReference.get(key) ?? []), money]);
  }
  const seen = new Map<string, number>();
  const matchedIds = new Set<string>();
  const out: MatchedLine[] = [];
  for (const line of lines) {
    const key = keyOf(line.kind, line.reference);
    const first = seen.get(key);
    if (first !== undefined) {
      return {
        ok: false,
        refusal: { code: "repeated_reference", line: line.lineNo, firstLine: first, reference: line.reference },
      };
    }
    seen.set(key, line.lineNo);
    const found = byReference.get(key) ?? [];
    if (found.length > 1) {
      return { ok: false, refusal: { code: "ambiguous_reference", line: line.lineNo, reference: line.reference } };
    }
    const money = found[0] ?? null;
    if (!money) {
      out.push({ line, outcome: "missing_in_console", console: null });
      continue;
    }
    matchedIds.add(`${money.kind}:${money.id}`);
    const same = money.amountMinor === line.amountMinor && money.currency === line.currency;
    out.push({ line, outcome: same ? "matched" : "amount_differs", console: money });
  }
  for (const money of inPeriod ?? []) {
    if (!matchedIds.has(`${money.kind}:${money.id}`))
      out.push({ line: null, outcome: "missing_in_file", console: money });
  }
  return { ok: true, lines: out };
}
