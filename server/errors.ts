/**
 * Domain errors carry a stable code and, where the fault lies in one input, the field. They are
 * thrown by services and translated to tRPC errors in one place (server/trpc/init.ts).
 */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "CONFLICT"
  | "VALIDATION"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "PRECONDITION_FAILED"
  | "RATE_LIMITED";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;

  constructor(code: DomainErrorCode, message: string, opts: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "DomainError";
    this.code = code;
    this.field = opts.field;
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} was not found.`);
export const conflict = (message: string, field?: string) => new DomainError("CONFLICT", message, { field });
export const invalid = (message: string, field?: string) => new DomainError("VALIDATION", message, { field });
export const preconditionFailed = (message: string) => new DomainError("PRECONDITION_FAILED", message);

/** PostgreSQL unique violation, raised by either driver (PGlite wraps it, postgres-js does not). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
