/**
 * Domain errors carry a stable code and, where the fault lies in one input, the field. They are
 * thrown by services and translated in one place (`asDomainError` below, then `httpStatusOf`
 * in server/trpc/errors.ts) for tRPC and route handlers alike.
 */
import { isConnectionLost, isTimedOut } from "@/server/db/failures";

export type DomainErrorCode = "NOT_FOUND" | "CONFLICT" | "VALIDATION" | "FORBIDDEN" | "UNAUTHENTICATED" | "PRECONDITION_FAILED" | "RATE_LIMITED" | "UNAVAILABLE";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;
  /** For UNAVAILABLE and RATE_LIMITED: when trying again makes sense (the Retry-After header). */
  readonly retryAfterSeconds?: number;

  constructor(code: DomainErrorCode, message: string, opts: { field?: string; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: opts.cause });
    this.name = "DomainError";
    this.code = code;
    this.field = opts.field;
    this.retryAfterSeconds = opts.retryAfterSeconds ?? (code === "UNAVAILABLE" ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
  }
}

/** A 503 is answered with Retry-After; a second is enough for a queue to move or a pool to reconnect. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Too busy now, not broken: the request was refused before any work was done. */
export const unavailable = (message: string, retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS) => new DomainError("UNAVAILABLE", message, { retryAfterSeconds });

export const CONNECTION_LOST_MESSAGE = "The connection to the database was lost while answering. Nothing was saved unless you see the change after reloading; please try again.";
export const TIMED_OUT_MESSAGE = "The database took too long to answer and the request was stopped. Please try again in a moment.";

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} was not found.`);
export const conflict = (message: string, field?: string) => new DomainError("CONFLICT", message, { field });
export const invalid = (message: string, field?: string) => new DomainError("VALIDATION", message, { field });
export const preconditionFailed = (message: string) => new DomainError("PRECONDITION_FAILED", message);

/** The database's own error behind a driver's wrapping, when it is a unique violation (23505). */
function uniqueViolationOf(err: unknown): { constraint: string | null; detail: string | null } | null {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown; detail?: unknown };
    if (pg.code !== "23505") continue;
    // PGlite names it `constraint`, postgres-js `constraint_name`.
    const constraint = pg.constraint ?? pg.constraint_name;
    return { constraint: typeof constraint === "string" ? constraint : null, detail: typeof pg.detail === "string" ? pg.detail : null };
  }
  return null;
}

/** PostgreSQL unique violation, raised by either driver (PGlite wraps it, postgres-js does not). */
export function isUniqueViolation(err: unknown): boolean {
  return uniqueViolationOf(err) !== null;
}

/** Unique indexes a person can run into, with the field to point at: `value` is the duplicate, when known. */
const UNIQUE_CONFLICTS: Record<string, { field: string; message: (value: string | null) => string }> = {
  data_sources_key_index: { field: "key", message: (v) => `A data source with ${keyPhrase(v)} already exists.` },
  signals_key_index: { field: "key", message: (v) => `A signal with ${keyPhrase(v)} already exists.` },
  segments_key_index: { field: "key", message: (v) => `A segment with ${keyPhrase(v)} already exists.` },
  consent_purposes_key_index: { field: "key", message: (v) => `A consent purpose with ${keyPhrase(v)} already exists.` },
  data_categories_key_index: { field: "key", message: (v) => `A data category with ${keyPhrase(v)} already exists.` },
  users_email_lower_idx: { field: "email", message: () => "A user with this email already exists." },
};

const keyPhrase = (value: string | null) => (value === null ? "this key" : `the key "${value}"`);

/**
 * Any error as the domain error a caller should see, or null for a fault of ours (a 500). The one
 * translation both transports use: tRPC (server/trpc/init.ts) and route handlers (server/http/route.ts).
 */
export function asDomainError(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  // The database, not the request, failed: a clear 503 the client may retry, not a 500.
  if (isConnectionLost(err)) return new DomainError("UNAVAILABLE", CONNECTION_LOST_MESSAGE, { cause: err });
  if (isTimedOut(err)) return new DomainError("UNAVAILABLE", TIMED_OUT_MESSAGE, { cause: err });
  const unique = uniqueViolationOf(err);
  if (!unique) return null;
  const known = unique.constraint ? UNIQUE_CONFLICTS[unique.constraint] : undefined;
  if (!known) return new DomainError("CONFLICT", "That already exists.", { cause: err });
  // PostgreSQL's detail reads `Key (key)=(crm.churn) already exists.`
  const value = unique.detail ? (/^Key \([^)]*\)=\((.*)\) already exists\.$/.exec(unique.detail)?.[1] ?? null) : null;
  return new DomainError("CONFLICT", known.message(value), { field: known.field, cause: err });
}
