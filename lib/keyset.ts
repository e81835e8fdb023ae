import { z } from "@/lib/validation/zod";

/**
 * Opaque keyset cursors for ?after= in URLs: the sort key of the last row
 * shown, base64url-encoded JSON. Never an OFFSET; a tampered cursor is ignored.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

const cursorSchema = z
  .array(z.union([z.string().max(200), z.number().finite()]))
  .min(1)
  .max(4);

export function decodeCursor(cursor: string | undefined | null): (string | number)[] | null {
  if (!cursor || cursor.length > 1000) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Fetch one row more than a page to learn whether there is a next page, without counting. */
export function pageOf<T>(rows: T[], pageSize: number): { items: T[]; hasMore: boolean } {
  return { items: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}
