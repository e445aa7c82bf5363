/**
 * The one way to open a transaction (ESLint bans `.transaction(` elsewhere). Two transactions
 * that lock the same rows in different orders, or race under SERIALIZABLE, are ended by
 * PostgreSQL with 40P01/40001; neither wrote anything, so the whole transaction, audit event
 * included, is run again, a couple of times with a short random pause, before the error reaches
 * the caller. Work inside `fn` must therefore not have effects outside the database.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "./client";
import { isRetryableTransactionError, isStalePreparedStatement } from "./failures";

export const TRANSACTION_RETRIES = 2;
/**
 * A kept statement made stale by a schema change is dropped only from the connection it failed
 * on, and the next attempt may run on another pool connection that still holds it: one failure
 * per connection and statement at most, each a quick round trip, so many, at once.
 */
export const STALE_STATEMENT_RETRIES = 64;

export interface TransactionOptions {
  /** How many times a deadlocked or serialization-failed transaction is run again. */
  retries?: number;
  /** Called before each retry (tests count them). */
  onRetry?: (attempt: number, err: unknown) => void;
}

export async function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  // Inside a transaction already: a savepoint, and a deadlock aborts the outer transaction, so
  // only the outermost level can retry.
  if (db instanceof PgTransaction) return db.transaction(fn);
  const retries = opts.retries ?? TRANSACTION_RETRIES;
  let raced = 0;
  let stale = 0;
  for (;;) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (isStalePreparedStatement(err) && stale < STALE_STATEMENT_RETRIES) {
        stale++;
        opts.onRetry?.(raced + stale, err);
        continue;
      }
      if (raced >= retries || !isRetryableTransactionError(err)) throw err;
      raced++;
      opts.onRetry?.(raced + stale, err);
      // Jitter, so that the two losers of a deadlock do not meet again at once.
      await sleep(5 + Math.random() * 20 * raced);
    }
  }
}
