import path from "node:path";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";
import { acquireDataDirLock, type DataDirLock, type LockOptions } from "./data-dir-lock";
import { lockKey, withSessionLock } from "./advisory-lock";
import { pgliteExecutor, postgresExecutor, type SqlExecutor } from "./raw-sql";

export { DataDirLockedError } from "./data-dir-lock";
import { serverEnv, type DbSettings } from "../env";
import type { Sql } from "postgres";
import { registerDedicated } from "./dedicated";
import { openRenewablePool } from "./renewable-pool";
import { DEFAULT_STATEMENT_CACHE } from "./statement-cache";
import { postgresOptions, WORD_SIMILARITY_THRESHOLD } from "./pg-options";
import { log } from "../log";

export type Schema = typeof schema;
/** One type for both drivers: postgres-js against a server, PGlite embedded. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type DbOrTx = Db | Tx;

export { WORD_SIMILARITY_THRESHOLD };

export const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), "drizzle");

export interface OpenDb {
  db: Db;
  kind: "postgres" | "pglite";
  /** Plain SQL on the same connection(s), for the job queue (pg-boss); see raw-sql.ts. */
  raw: SqlExecutor;
  close: () => Promise<void>;
}

// On globalThis: the server's route bundles and its instrumentation are separate module graphs.
const CLOSED = Symbol.for("steward.closedDatabases");
const closedHolder = globalThis as unknown as Record<symbol, WeakSet<object> | undefined>;
const markClosed = (db: object) => void (closedHolder[CLOSED] ??= new WeakSet()).add(db);

/** Whether this database was closed on purpose: work kept for it (a buffer's retries) can never be done. */
export const isClosedDb = (db: Db): boolean => closedHolder[CLOSED]?.has(db) ?? false;

/**
 * Connects to PostgreSQL through postgres-js and applies pending migrations, under an advisory
 * lock: several processes starting at once migrate one after the other, and the later ones find
 * nothing left to do instead of colliding on the same CREATE.
 */
export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number; settings?: DbSettings } = {}): Promise<OpenDb> {
  const [{ drizzle }, { migrate }] = await Promise.all([import("drizzle-orm/postgres-js"), import("drizzle-orm/postgres-js/migrator")]);
  const settings = opts.settings ?? serverEnv().db;
  const pool = await openRenewablePool(url, postgresOptions(settings, opts.max ?? settings.pool), {
    statementCache: settings.statementCache ?? DEFAULT_STATEMENT_CACHE,
    onRenew: (reason) => log.warn(`${reason}: the database connection pool was replaced.`),
  });
  const client = pool.client as unknown as Sql;
  const db = drizzle({ client, schema, casing: "snake_case" });
  registerDedicated(db as unknown as Db, url, settings);
  try {
    if (opts.migrate !== false) await withSessionLock(client, lockKey("migrations"), () => migrate(db, { migrationsFolder }));
  } catch (err) {
    await pool.end();
    throw err;
  }
  const close = () => {
    markClosed(db);
    return pool.end();
  };
  return { db: db as unknown as Db, kind: "postgres", raw: postgresExecutor(client), close };
}

/**
 * Opens embedded PostgreSQL. `dataDir` undefined means in memory (tests). A data folder is
 * locked for the life of the process (see data-dir-lock.ts): PGlite has no lock of its own, and
 * two processes on one folder lose data silently. Every message to the database first checks
 * that the lock is still this process's, so a lost lock stops the writes at once.
 */
export async function openPglite(dataDir: string | undefined, opts: { migrate?: boolean; onLockLost?: LockOptions["onLost"] } = {}): Promise<OpenDb> {
  const [{ PGlite }, { pg_trgm }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const lock = dataDir ? await acquireDataDirLock(dataDir, { onLost: opts.onLockLost }) : undefined;
  try {
    const client = lock ? new (guarded(PGlite, lock))({ dataDir, extensions: { pg_trgm } }) : new PGlite({ dataDir, extensions: { pg_trgm } });
    const db = drizzle({ client, schema, casing: "snake_case" });
    if (opts.migrate !== false) await migrate(db, { migrationsFolder });
    // PGlite is one session for the life of the process, so a session setting holds throughout.
    await client.exec(`SET pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`);
    return {
      db: db as unknown as Db,
      kind: "pglite",
      raw: pgliteExecutor(client),
      close: async () => {
        markClosed(db);
        try {
          // A lost lock means the folder may be another process's now: not one more write to it.
          if (lock) lock.assertHeld();
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** PGlite whose every protocol message (queries, transactions, close) runs only while the lock is held. */
function guarded(PGlite: typeof import("@electric-sql/pglite").PGlite, lock: DataDirLock) {
  return class LockedPGlite extends PGlite {
    override execProtocolRawSync(message: Uint8Array): Uint8Array {
      lock.assertHeld();
      const reply = super.execProtocolRawSync(message);
      lock.assertHeld(); // a lock lost during a long statement stops the process before the next
      return reply;
    }
  };
}

/** Where the embedded database lives when DATABASE_URL is not set. */
export function defaultDataDir(): string {
  return path.resolve(/* turbopackIgnore: true */ serverEnv().dataDir ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".steward", "db"));
}

/** Opens the database this process is configured for. */
export function openConfiguredDb(opts: { migrate?: boolean } = {}): Promise<OpenDb> {
  const url = serverEnv().databaseUrl;
  return url ? openPostgres(url, opts) : openPglite(defaultDataDir(), opts);
}
