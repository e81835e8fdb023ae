/**
 * Domain errors raised by queries and mutations. The action wrapper maps them
 * to translated messages; anything else is a bug and goes to error.tsx.
 * `code` names a message in the "errors" catalog; `params` fill it in.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: "not_found" | "conflict" | "precondition" | "forbidden";
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = "not_found";
}
export class ConflictError extends DomainError {
  readonly kind = "conflict";
}
export class PreconditionError extends DomainError {
  readonly kind = "precondition";
}
export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
}

/** PostgreSQL error codes the mutations translate into domain errors. */
export const pgErrorCodes = {
  uniqueViolation: "23505",
  foreignKeyViolation: "23503",
  checkViolation: "23514",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // drizzle wraps driver errors; the PostgreSQL code sits on the cause.
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && "code" in current && typeof current.code === "string") return current.code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && "constraint_name" in current) return String(current.constraint_name);
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
