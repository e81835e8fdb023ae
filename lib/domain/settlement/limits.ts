/** Files above this are refused before they are read (a day's bill is far smaller); the form checks it before sending. */
export const SETTLEMENT_MAX_BYTES = 5 * 1024 * 1024;
