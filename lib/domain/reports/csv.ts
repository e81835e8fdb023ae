/**
 * CSV for spreadsheets (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel
 * reads Chinese names). Text that a spreadsheet would run as a formula, or
 * whose leading control character some spreadsheets strip before doing so, is
 * prefixed with an apostrophe. Numbers are written as numbers: they are ours,
 * not user text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A decimal we computed ourselves from integers (money in major units): written as is, never escaped. */
export interface CsvDecimal {
  decimal: string;
}

export type CsvValue = string | number | null | CsvDecimal;

export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "object") {
    if (!/^-?\d+(\.\d+)?$/.test(value.decimal)) throw new Error("csvCell: not a decimal");
    return value.decimal;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("csvCell: not a finite number");
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (with its CRLF), for writers that stream rows instead of building the whole file. */
export function csvLine(row: readonly CsvValue[]): string {
  return `${row.map(csvCell).join(",")}\r\n`;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
