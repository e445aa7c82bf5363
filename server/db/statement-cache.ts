/**
 * Which statements postgres-js keeps prepared on its connections.
 *
 * Why: Drizzle sends every statement it did not prepare by name unnamed, and postgres-js then
 * (1) asks the server for the parameters' types first, a round trip of its own, and (2) has it
 * planned again on every call. Under the load bench's mix planning was 22% of PostgreSQL's
 * statement time, and the extra round trips a large part of the server's socket writes; with
 * statements kept prepared the same run served 172 req/s instead of 123–128 (README, "Under
 * load"). PostgreSQL then keeps a plan per statement and connection, re-checked when a table
 * changes.
 *
 * Bounded: only statements with parameters (one command each, never DDL or a script) that run
 * more than once, at most `limit` distinct texts per process, each with at most MAX_PARAMETERS
 * parameters, so that a multi-row insert, whose text changes with its row count, cannot fill a
 * connection's memory with statements run once. Texts past the limit run unnamed as before. 0
 * turns it off (a connection pooler in transaction mode that does not track prepared statements).
 */
import type { TransactionSql } from "postgres";

export const DEFAULT_STATEMENT_CACHE = 500;
/** More parameters than this is a bulk statement whose text varies with its size: not kept. */
export const MAX_PARAMETERS = 64;
/** How many texts seen once are remembered, per text that may be kept. */
export const SEEN_ONCE_FACTOR = 4;

export type StatementPolicy = (query: string, parameterCount: number) => boolean;

/**
 * Admits a statement text to be kept prepared from its second run on, while fewer than `limit`
 * texts are kept; a kept text is admitted ever after. Texts run only once (an IN list of a length
 * not seen again, a rare filter) thus take none of the `limit` places. They are remembered in a
 * set of at most `limit` × SEEN_ONCE_FACTOR texts, emptied when full.
 */
export function statementPolicy(limit: number): StatementPolicy & { size: () => number } {
  const kept = new Set<string>();
  const seenOnce = new Set<string>();
  const admit = (query: string, parameterCount: number) => {
    if (limit <= 0 || parameterCount === 0 || parameterCount > MAX_PARAMETERS) return false;
    if (kept.has(query)) return true;
    if (kept.size >= limit) return false;
    if (!seenOnce.delete(query)) {
      if (seenOnce.size >= limit * SEEN_ONCE_FACTOR) seenOnce.clear();
      seenOnce.add(query);
      return false;
    }
    kept.add(query);
    // Full: no text will be admitted any more, so none need be remembered.
    if (kept.size >= limit) seenOnce.clear();
    return true;
  };
  return Object.assign(admit, { size: () => kept.size });
}

type UnsafeOptions = { prepare?: boolean } & Record<string, unknown>;
type Unsafe = (query: string, parameters?: unknown[], options?: UnsafeOptions) => unknown;

/** `unsafe` with Drizzle's `prepare: false` turned into `prepare: true` for admitted statements. */
export function preparingUnsafe(unsafe: Unsafe, admit: StatementPolicy): Unsafe {
  // Other calls pass through with their own arguments: postgres-js reads `unsafe(query, options)` by its arity.
  return (...args: Parameters<Unsafe>) => {
    const [query, parameters, options] = args;
    return options?.prepare === false && admit(query, parameters?.length ?? 0) ? unsafe(query, parameters, { ...options, prepare: true }) : unsafe(...args);
  };
}

type Callback = (sql: TransactionSql) => unknown;

/** A transaction's (or savepoint's) client whose statements, and nested savepoints', follow the policy. */
function preparingTransaction(tx: TransactionSql, admit: StatementPolicy): TransactionSql {
  const unsafe = preparingUnsafe(tx.unsafe.bind(tx) as unknown as Unsafe, admit);
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === "unsafe") return unsafe;
      if (prop === "savepoint") return (...args: unknown[]) => (target.savepoint as (...a: unknown[]) => unknown)(...withPreparingCallback(args, admit));
      // postgres-js's transaction functions close over their connection and use no `this`.
      return Reflect.get(target, prop) as unknown;
    },
  });
}

/** `begin(cb)` / `begin(options, cb)` arguments with the callback handed a preparing client. */
export function withPreparingCallback(args: unknown[], admit: StatementPolicy): unknown[] {
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback !== "function") return args;
  return [...args.slice(0, last), (tx: TransactionSql) => (callback as Callback)(preparingTransaction(tx, admit))];
}
