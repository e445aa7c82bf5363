import type { DbSettings } from "../env";

/**
 * Typo tolerance of catalog search (pg_trgm's `<%`): 0.6 by default misses one-letter typos in
 * short words ("loyality" scores 0.56 against "loyalty"); set per session on both drivers.
 */
export const WORD_SIMILARITY_THRESHOLD = "0.45";

/**
 * Per-connection settings sent at connect: no statement runs longer than statement_timeout, and
 * no transaction holds its locks idle longer than idle_in_transaction_session_timeout, whatever a
 * stuck client or a bug does (README, "Under load").
 */
export function connectionParameters(settings: DbSettings): Record<string, string> {
  return {
    "pg_trgm.word_similarity_threshold": WORD_SIMILARITY_THRESHOLD,
    jit: "off", // JIT compiled small queries for tens of ms
    statement_timeout: String(settings.statementTimeoutMs),
    idle_in_transaction_session_timeout: String(settings.idleInTransactionTimeoutMs),
  };
}

/** postgres-js options shared by the pool and by dedicated connections (server/db/dedicated.ts). */
export function postgresOptions(settings: DbSettings, max: number) {
  return {
    max,
    onnotice: () => {},
    // postgres-js counts seconds; its default of 30 kept requests hanging when the server was gone.
    connect_timeout: Math.max(1, Math.round(settings.connectTimeoutMs / 1000)),
    connection: connectionParameters(settings),
  };
}
