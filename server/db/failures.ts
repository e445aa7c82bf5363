/**
 * What a database error means for the caller, whichever driver raised it. Drizzle wraps a
 * driver's error (DrizzleQueryError, `cause`), so every check walks the cause chain.
 */

/** PostgreSQL's codes for a transaction that lost a race and may simply be run again. */
const RETRYABLE_TX = new Set(["40P01" /* deadlock_detected */, "40001" /* serialization_failure */]);

/**
 * The connection went away under the query: the backend was terminated or the server shut down
 * (57P01/57P02/57P03, 08xxx), the socket broke (ECONNRESET, EPIPE…), or postgres-js gave up on
 * it (CONNECTION_ENDED/CLOSED/DESTROYED, CONNECT_TIMEOUT).
 */
const LOST_PG = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "08007", "08P01"]);
const LOST_NODE = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTCONN",
  "EHOSTUNREACH",
  "CONNECTION_ENDED",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/** 57014 query_canceled: statement_timeout (or a cancel); 25P03: idle_in_transaction_session_timeout. */
const TIMED_OUT = new Set(["57014", "25P03"]);

/** The error and every cause under it (Drizzle wraps the driver's error). */
function chainOf(err: unknown): object[] {
  const chain: object[] = [];
  for (let e: unknown = err; e && typeof e === "object" && !chain.includes(e); e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

function codesOf(err: unknown): string[] {
  return chainOf(err).flatMap((e) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === "string" ? [code] : [];
  });
}

/**
 * A statement the pool kept prepared (statement-cache.ts) that a schema change made stale:
 * "cached plan must not change result type", the statement gone, or a parameter's type that no
 * longer fits its column. Outside a transaction postgres-js prepares it again by itself; inside
 * one, the error has aborted the transaction, and postgres-js has dropped the statement from that
 * connection, so running the transaction again succeeds (transaction.ts).
 */
const STALE_ROUTINES = new Set(["RevalidateCachedQuery", "FetchPreparedStatement", "transformAssignedExpr"]);
const STALE_CODES = new Set(["0A000", "26000", "42804"]);

export const isStalePreparedStatement = (err: unknown) =>
  chainOf(err).some((e) => {
    const { code, routine } = e as { code?: unknown; routine?: unknown };
    return typeof code === "string" && STALE_CODES.has(code) && typeof routine === "string" && STALE_ROUTINES.has(routine);
  });

/** A deadlock or a serialization failure: the whole transaction may be run again. */
export const isRetryableTransactionError = (err: unknown) => codesOf(err).some((c) => RETRYABLE_TX.has(c));

/** The connection was lost (not the query's fault): nothing can have been committed by this statement's transaction unless it was its COMMIT. */
export const isConnectionLost = (err: unknown) => codesOf(err).some((c) => LOST_PG.has(c) || LOST_NODE.has(c));

/** The statement ran past statement_timeout, or the transaction sat idle too long. */
export const isTimedOut = (err: unknown) => codesOf(err).some((c) => TIMED_OUT.has(c));
