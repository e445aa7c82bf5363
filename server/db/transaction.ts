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
import { isRetryableTransactionError } from "./failures";

export const TRANSACTION_RETRIES = 2;

export interface TransactionOptions {
  /** How many times a deadlocked, serialization-failed or stale-statement transaction is run again. */
  retries?: number;
  /** Called before each retry (tests count them). */
  onRetry?: (attempt: number, err: unknown) => void;
}

export async function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  // Inside a transaction already: a savepoint, and a deadlock aborts the outer transaction, so
  // only the outermost level can retry.
  if (db instanceof PgTransaction) return db.transaction(fn);
  const retries = opts.retries ?? TRANSACTION_RETRIES;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (attempt >= retries || !isRetryableTransactionError(err)) throw err;
      opts.onRetry?.(attempt + 1, err);
      // Jitter, so that the two losers of a deadlock do not meet again at once.
      await sleep(5 + Math.random() * 20 * (attempt + 1));
    }
  }
}
