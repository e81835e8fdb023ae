/** Full-width digits (０-９) become ASCII; everything else is kept. */
export function toAsciiDigits(input: string): string {
  return input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
}

export type PhoneRegion = "HK" | "CN";
export interface ParsedPhone {
  region: PhoneRegion;
  /** E.164 with the plus sign. */
  msisdn: string;
  national: string;
}

const HK_MOBILE = /^[4-9]\d{7}$/;
const CN_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Parses a Hong Kong (+852, 8 digits) or mainland (+86, 11 digits from 1)
 * number written any common way: spaces, dashes, brackets, a 00 or + prefix,
 * full-width digits. Returns null for anything else.
 */
export function parsePhone(input: string): ParsedPhone | null {
  const ascii = toAsciiDigits(input.normalize("NFKC")).trim();
  if (!/^\+?[\d\s\-().]+$/.test(ascii)) return null;
  const hadPrefix = ascii.startsWith("+") || ascii.startsWith("00");
  let digits = ascii.replace(/[\s\-().+]/g, "");
  if (ascii.startsWith("00")) digits = digits.slice(2);
  if (!hadPrefix) {
    if (HK_MOBILE.test(digits)) return { region: "HK", msisdn: `+852${digits}`, national: digits };
    if (CN_MOBILE.test(digits)) return { region: "CN", msisdn: `+86${digits}`, national: digits };
  }
  if (digits.startsWith("852") && HK_MOBILE.test(digits.slice(3))) {
    return { region: "HK", msisdn: `+${digits}`, national: digits.slice(3) };
  }
  if (digits.startsWith("86") && CN_MOBILE.test(digits.slice(2))) {
    return { region: "CN", msisdn: `+${digits}`, national: digits.slice(2) };
  }
  return null;
}

/** Luhn check digit for a string of digits (the payload, without the check digit). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** An ICCID is 19 or 20 digits whose last digit is the Luhn check digit. */
export function isValidIccid(input: string): boolean {
  if (!/^\d{19,20}$/.test(input)) return false;
  return luhnCheckDigit(input.slice(0, -1)) === Number(input.at(-1));
}

/** Strips spaces and dashes and converts full-width digits; returns null unless an ICCID remains. */
export function parseIccid(input: string): string | null {
  const digits = toAsciiDigits(input).replace(/[\s-]/g, "");
  return isValidIccid(digits) ? digits : null;
}

export function maskDocument(last4: string | null): string | null {
  return last4 ? `••••${last4}` : null;
}

/** "+852 9123 4567" and "+86 138 1234 5678": how staff read numbers aloud. */
export function formatMsisdn(msisdn: string): string {
  const hk = /^\+852(\d{4})(\d{4})$/.exec(msisdn);
  if (hk) return `+852 ${hk[1]} ${hk[2]}`;
  const cn = /^\+86(\d{3})(\d{4})(\d{4})$/.exec(msisdn);
  if (cn) return `+86 ${cn[1]} ${cn[2]} ${cn[3]}`;
  return msisdn;
}
