/**
 * Payment (and refund) references as compared and stored: trimmed, without
 * spaces or hyphens, upper-cased, so `frn-1066 0400` and `FRN10660400` are the
 * same payment (DOMAIN.md, "Money"). The database holds only this form
 * (`payments_reference_normalised`) and its unique index is on it.
 */
export function normaliseReference(typed: string): string {
  return typed
    .trim()
    .replace(/[\s-]+/g, "")
    .toUpperCase();
}

/** What a normalised reference may look like: 4–64 letters and digits, with _ / . inside. */
export const NORMALISED_REFERENCE = /^[A-Z0-9][A-Z0-9_/.]{3,63}$/;

export function isValidReference(normalised: string): boolean {
  return NORMALISED_REFERENCE.test(normalised);
}
