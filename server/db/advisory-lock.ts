import { sql, type SQL } from "drizzle-orm";
import type { Sql } from "postgres";

/** A transaction (or the database) that runs a query: client.ts's `Tx`, which imports this file. */
interface Executes {
  execute(query: SQL): PromiseLike<unknown>;
}

/**
 * Advisory locks name work, not rows: several server processes on one PostgreSQL take the same
 * lock before doing the same thing (opening a segment's re-certification, migrating), so only
 * one does it. Keys are text hashed to 64 bits (`hashtextextended`), prefixed with "steward:" so
 * they cannot meet another application's numbers on a shared server.
 */
export function lockKey(...parts: string[]): string {
  return ["steward", ...parts].join(":");
}

/**
 * Waits for the lock and holds it until the transaction ends (commit or rollback): a second
 * process asking for it waits, then sees the first one's committed work in its next statement
 * (READ COMMITTED takes a fresh snapshot per statement). On PGlite, one session, it is granted at once.
 */
export async function lockForTransaction(tx: Executes, ...parts: string[]): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey(...parts)}, 0))`);
}

/**
 * Runs `fn` while one reserved connection of `client` holds a session-level lock, released
 * afterwards even if `fn` throws: for work outside one transaction, such as the migrations that
 * two processes starting together would otherwise both apply.
 */
export async function withSessionLock<T>(client: Sql, key: string, fn: () => Promise<T>): Promise<T> {
  const conn = await client.reserve();
  try {
    await conn`SELECT pg_advisory_lock(hashtextextended(${key}, 0))`;
    try {
      return await fn();
    } finally {
      await conn`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`;
    }
  } finally {
    conn.release();
  }
}
