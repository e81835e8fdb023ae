import { formatMsisdn, isValidIccid, parsePhone, toAsciiDigits, type PhoneRegion } from "@/lib/domain/identifiers";
import { isValidReference, normaliseReference } from "@/lib/domain/payment-reference";
import { parseReceiptNumber, receiptNumber } from "@/lib/domain/receipt-number";
import { routeId } from "@/lib/domain/route-id";

/**
 * What the one search box was given, worked out before any SQL runs. Each
 * lookup names one indexed path; exact identifiers rank before partial ones.
 */
export type Lookup =
  | { by: "msisdn"; region: PhoneRegion; msisdn: string }
  | { by: "iccid"; iccid: string }
  | { by: "customerId"; id: number }
  | { by: "cardId"; id: number }
  | { by: "email"; email: string }
  | { by: "last4"; digits: string }
  | { by: "numberFragment"; digits: string }
  | { by: "iccidFragment"; digits: string }
  | { by: "emailPrefix"; prefix: string }
  | { by: "name"; terms: NameTerm[] }
  | { by: "ticket"; ref: string }
  /** R9665 or #R9665: a renewal's receipt number. */
  | { by: "renewal"; id: number }
  /** A payment's reference, normalised as payments store it (any electronic method). */
  | { by: "paymentReference"; reference: string };

/**
 * One piece of a name; every term must match. Han runs of one or two
 * characters have no trigram and go through the name-gram index; short Latin
 * terms match whole words, longer ones anywhere in the folded name.
 */
export type NameTerm =
  { match: "gram"; text: string } | { match: "contains"; text: string } | { match: "word"; text: string };

export type SearchRefusal = "empty" | "tooLong" | "unsearchable" | "invalidNumber" | "tooManyDigits";

export type ClassifiedSearch =
  { ok: true; text: string; lookups: Lookup[] } | { ok: false; reason: SearchRefusal; text: string };

export const SEARCH_MAX_LENGTH = 120;

/** Rank of a lookup: exact identifiers first (0), last digits (1), fragments and names (2). */
export function lookupRank(lookup: Lookup): 0 | 1 | 2 {
  switch (lookup.by) {
    case "msisdn":
    case "iccid":
    case "customerId":
    case "cardId":
    case "email":
    case "ticket":
    case "renewal":
    case "paymentReference":
      return 0;
    case "last4":
      return 1;
    default:
      return 2;
  }
}

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Full-width forms become ASCII (NFKC), control characters become spaces and
 * invisible format characters (right-to-left marks, zero-width spaces) go, so
 * what is matched is what the agent sees.
 */
export function cleanSearchText(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\p{Cf}/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** A ticket reference is free text of at most 64 characters (DOMAIN.md); "ticket …" or "工单 …" says it is one. */
const TICKET_REF_LENGTH = 64;
const TICKET_FORM = /^(?:ticket|工单|工單)\s*[#:]?\s*(\S.{0,63})$/iu;

const ID_FORMS: { pattern: RegExp; target: "customerId" | "cardId" | "both" }[] = [
  { pattern: /^#\s*(\d{1,12})$/u, target: "both" },
  { pattern: /^(?:c|customer|客户|客戶)\s*[#:-]?\s*(\d{1,12})$/iu, target: "customerId" },
  { pattern: /^(?:card|卡)\s*[#:-]?\s*(\d{1,12})$/iu, target: "cardId" },
];

function idLookups(digits: string, target: "customerId" | "cardId" | "both"): Lookup[] {
  const id = routeId(digits.replace(/^0+/u, ""));
  if (id === null) return [];
  if (target === "both")
    return [
      { by: "customerId", id },
      { by: "cardId", id },
    ];
  return [{ by: target, id }];
}

/**
 * A payment reference lookup when the text, normalised as references are, is
 * one that has enough digits to be a transaction number (names never do).
 */
function referenceLookup(text: string): Lookup[] {
  const reference = normaliseReference(text);
  const digits = reference.replace(/\D/gu, "").length;
  return isValidReference(reference) && digits >= 6 ? [{ by: "paymentReference", reference }] : [];
}

/** Bare digits: which identifiers a string of this length can be part of. */
function digitLookups(digits: string): ClassifiedSearch {
  const text = digits;
  const length = digits.length;
  // WeChat Pay and Alipay transaction numbers run to 28–32 digits: longer than any ICCID or number.
  if (length >= 24 && length <= 64) return { ok: true, text, lookups: referenceLookup(digits) };
  if (length > 20) return { ok: false, reason: "tooManyDigits", text };
  if (length <= 3) return { ok: true, text, lookups: idLookups(digits, "both") };
  if (length === 4) return { ok: true, text, lookups: [{ by: "last4", digits }] };
  const lookups: Lookup[] = [];
  const phone = parsePhone(digits);
  if (phone) lookups.push({ by: "msisdn", region: phone.region, msisdn: phone.msisdn });
  if (length >= 19) lookups.push({ by: "iccid", iccid: digits });
  if (length <= 11) lookups.push({ by: "numberFragment", digits });
  // 19 digits with a good check digit are a whole ICCID; without one, likely a 20-digit ICCID short of a digit.
  if (length >= 6 && length < 20 && !(length === 19 && isValidIccid(digits)))
    lookups.push({ by: "iccidFragment", digits });
  return { ok: true, text, lookups };
}

function nameTerms(text: string): NameTerm[] {
  const terms: NameTerm[] = [];
  for (const word of text.split(" ")) {
    // Han runs and everything else are separate terms: "王伟wong" is 王伟 and wong.
    for (const run of word.match(/[\p{Script=Han}·・]+|[^\p{Script=Han}·・]+/gu) ?? []) {
      if (HAN.test(run)) {
        const han = run.replace(/[·・]/gu, "");
        terms.push({ match: [...han].length <= 2 ? "gram" : "contains", text: han });
      } else {
        terms.push({ match: [...run].length <= 2 ? "word" : "contains", text: run.toLowerCase() });
      }
    }
  }
  return terms;
}

/**
 * Works out which identifier a search is: a Hong Kong or mainland number in
 * any common form, the last four digits of one or a longer fragment, a whole
 * or partial ICCID, a customer or card id, an email or its beginning, or a
 * name in Chinese or Latin letters. Pure: the same text always gives the same
 * lookups, and wildcard characters are only ever matched literally later.
 */
export function classifySearch(raw: string | null | undefined): ClassifiedSearch {
  const input = raw ?? "";
  // Checked before any normalising work, so a 10 KB paste costs nothing.
  if (input.length > SEARCH_MAX_LENGTH * 4) return { ok: false, reason: "tooLong", text: "" };
  const text = cleanSearchText(input);
  if (!text) return { ok: false, reason: "empty", text };
  if ([...text].length > SEARCH_MAX_LENGTH) return { ok: false, reason: "tooLong", text: "" };
  if (!LETTER_OR_DIGIT.test(text)) return { ok: false, reason: "unsearchable", text };

  const renewalId = parseReceiptNumber(text);
  if (renewalId !== null) return { ok: true, text, lookups: [{ by: "renewal", id: renewalId }] };

  for (const { pattern, target } of ID_FORMS) {
    const match = pattern.exec(text);
    if (match) return { ok: true, text, lookups: idLookups(match[1]!, target) };
  }

  const ascii = toAsciiDigits(text);
  if (/^[+\d\s\-().]+$/u.test(ascii) && /\d/u.test(ascii)) {
    const phone = parsePhone(ascii);
    if (phone && (ascii.startsWith("+") || ascii.startsWith("00"))) {
      return { ok: true, text, lookups: [{ by: "msisdn", region: phone.region, msisdn: phone.msisdn }] };
    }
    // "+" can only start a number; "00" may also start a piece of an ICCID.
    if (ascii.startsWith("+")) return { ok: false, reason: "invalidNumber", text };
    return digitLookups(ascii.replace(/\D/gu, ""));
  }

  if (text.includes("@") && !text.includes(" ")) {
    const email = text.toLowerCase();
    const complete = /^[^@]+@[^@]+\.[^@]+$/u.test(email);
    const lookups: Lookup[] = complete
      ? [
          { by: "email", email },
          { by: "emailPrefix", prefix: email },
        ]
      : [{ by: "emailPrefix", prefix: email }];
    return { ok: true, text, lookups };
  }

  const ticket = TICKET_FORM.exec(text);
  if (ticket) return { ok: true, text, lookups: [{ by: "ticket", ref: ticket[1]! }] };

  // A token of letters and digits with dashes (ZD-48213, TCK2026-0042) may be a ticket reference.
  if (
    !text.includes(" ") &&
    [...text].length <= TICKET_REF_LENGTH &&
    /^[\p{L}\d][\p{L}\d\-/#:]*$/u.test(text) &&
    /\d/u.test(text) &&
    /\p{L}/u.test(text)
  ) {
    return {
      ok: true,
      text,
      lookups: [
        // …or a payment reference (normalised: frn-1066 040003 is FRN1066040003), tried first.
        ...referenceLookup(text),
        { by: "ticket", ref: text },
        { by: "emailPrefix", prefix: text.toLowerCase() },
      ],
    };
  }

  // Letters and digits with spaces or hyphens ("frn-1066 0400") read as a payment reference.
  if (/^[A-Za-z0-9][A-Za-z0-9 \-_/.]*$/u.test(text) && (text.includes(" ") || text.includes("-"))) {
    const reference = referenceLookup(text);
    if (reference.length) return { ok: true, text, lookups: reference };
  }

  // One token with dots, digits, underscores or plus signs reads as the start of an email (or a reference).
  if (!text.includes(" ") && !HAN.test(text) && /^[\p{L}\d._+-]+$/u.test(text) && /[._+\d]/u.test(text)) {
    return {
      ok: true,
      text,
      lookups: [...referenceLookup(text), { by: "emailPrefix", prefix: text.toLowerCase() }],
    };
  }

  const lookups: Lookup[] = [{ by: "name", terms: nameTerms(text) }];
  // A single Latin word may be how the customer's email begins ("emilie", "wong").
  if (!text.includes(" ") && /^[a-z]+$/iu.test(text)) lookups.push({ by: "emailPrefix", prefix: text.toLowerCase() });
  return { ok: true, text, lookups };
}

/** Why a row matched, as a result line says it ("HK number ends 4567"). */
export type MatchReason =
  | "hkNumber"
  | "cnNumber"
  | "iccid"
  | "customerId"
  | "cardId"
  | "email"
  | "hkLast4"
  | "cnLast4"
  | "hkFragment"
  | "cnFragment"
  | "iccidFragment"
  | "emailPrefix"
  | "name"
  | "ticket"
  | "renewal"
  | "paymentReference";

/** The part of the search a reason quotes back: the number, digits, email or name that matched. */
export function matchedValue(reason: MatchReason, search: { text: string; lookups: Lookup[] }): string {
  for (const lookup of search.lookups) {
    switch (lookup.by) {
      case "msisdn":
        if (reason === "hkNumber" || reason === "cnNumber") return formatMsisdn(lookup.msisdn);
        break;
      case "iccid":
        if (reason === "iccid") return lookup.iccid;
        break;
      case "customerId":
        if (reason === "customerId") return String(lookup.id);
        break;
      case "cardId":
        if (reason === "cardId") return String(lookup.id);
        break;
      case "email":
        if (reason === "email") return lookup.email;
        break;
      case "last4":
        if (reason === "hkLast4" || reason === "cnLast4") return lookup.digits;
        break;
      case "numberFragment":
        if (reason === "hkFragment" || reason === "cnFragment") return lookup.digits;
        break;
      case "iccidFragment":
        if (reason === "iccidFragment") return lookup.digits;
        break;
      case "emailPrefix":
        if (reason === "emailPrefix") return lookup.prefix;
        break;
      case "ticket":
        if (reason === "ticket") return lookup.ref;
        break;
      case "renewal":
        if (reason === "renewal") return receiptNumber(lookup.id);
        break;
      case "paymentReference":
        if (reason === "paymentReference") return lookup.reference;
        break;
      case "name":
        break;
    }
  }
  return search.text;
}

/**
 * Exact identifiers, then the partial ones (last digits, fragments, names).
 * A search shows the partial matches only when no exact identifier matched:
 * a whole number typed bare is that card, not every number containing it.
 */
export function searchTiers(lookups: Lookup[]): { exact: Lookup[]; partial: Lookup[] } {
  return {
    exact: lookups.filter((l) => lookupRank(l) === 0),
    partial: lookups.filter((l) => lookupRank(l) !== 0),
  };
}

/** Where a results page stopped: rank, customer id, card id (0 for a customer without a card). */
export type SearchCursor = readonly [number, number, number];

/** Reads a decoded ?after= cursor; anything that is not three small whole numbers is ignored. */
export function toSearchCursor(values: readonly (string | number)[] | null): SearchCursor | null {
  if (!values || values.length !== 3) return null;
  const [rank, customerId, cardId] = values;
  if (rank !== 0 && rank !== 1 && rank !== 2) return null;
  const customer = routeId(String(customerId));
  const card = cardId === 0 ? 0 : routeId(String(cardId));
  return customer === null || card === null ? null : [rank, customer, card];
}
