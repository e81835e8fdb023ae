/** A translator for keys only known at run time; see `withRuntimeKeys`. */
export interface RuntimeTranslator {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
}

/**
 * For message keys only known at run time (an audit action or a role read
 * from the database, a domain error's code): the catalog's type cannot vouch
 * for them, so every use is guarded with `has(…)` and falls back to the raw value.
 */
export function withRuntimeKeys(t: object): RuntimeTranslator {
  return t as RuntimeTranslator;
}
