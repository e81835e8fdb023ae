import { z } from "@/lib/validation/zod";
import { INT4_MAX } from "@/lib/domain/route-id";

/**
 * A database id: a positive int4, so an id past 2³¹−1 is refused here with a
 * clear message instead of reaching PostgreSQL as an out-of-range error.
 * `message` (a catalog key) replaces the default for every way it can fail.
 */
export function idField(message?: string) {
  const options = message ? { message } : undefined;
  return z.coerce.number(options).int(options).positive(options).max(INT4_MAX, options);
}

export const idSchema = idField();
