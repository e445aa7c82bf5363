import path from "node:path";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";
import { serverEnv } from "../env";

export type Schema = typeof schema;
/** One type for both drivers: postgres-js against a server, PGlite embedded. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type DbOrTx = Db | Tx;

/**
 * Typo tolerance of catalog search (pg_trgm's `<%`): 0.6 by default misses one-letter typos in
 * short words ("loyality" scores 0.56 against "loyalty"); set per session on both drivers.
 */
export const WORD_SIMILARITY_THRESHOLD = "0.45";

export const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), "drizzle");

export interface OpenDb {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
}

/** Connects to PostgreSQL through postgres-js and applies pending migrations. */
export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number } = {}): Promise<OpenDb> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
  const client = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connection: { "pg_trgm.word_similarity_threshold": WORD_SIMILARITY_THRESHOLD },
  });
  const db = drizzle({ client, schema, casing: "snake_case" });
  if (opts.migrate !== false) await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "postgres", close: () => client.end() };
}

/**
 * Opens embedded PostgreSQL. `dataDir` undefined means in memory (tests). A data folder is
 * locked for the life of the process: PGlite has no lock of its own, and two processes on one
 * folder lose data silently.
 */
export async function openPglite(dataDir: string | undefined, opts: { migrate?: boolean } = {}): Promise<OpenDb> {
  const [{ PGlite }, { pg_trgm }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  let release: (() => Promise<void>) | undefined;
  if (dataDir) release = await lockDataDir(dataDir);
  const client = new PGlite({ dataDir, extensions: { pg_trgm } });
  const db = drizzle({ client, schema, casing: "snake_case" });
  if (opts.migrate !== false) await migrate(db, { migrationsFolder });
  // PGlite is one session for the life of the process, so a session setting holds throughout.
  await client.exec(`SET pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`);
  return {
    db: db as unknown as Db,
    kind: "pglite",
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `Another Steward process is already using the embedded database in ${dataDir}. ` +
        `Stop that process first (two processes on one folder would lose data), ` +
        `or set STEWARD_DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server.`,
    );
    this.name = "DataDirLockedError";
  }
}

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const fs = await import("node:fs");
  const { default: lockfile } = await import("proper-lockfile");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // A lock whose holder died goes stale after 10 s, so a crash never locks a user out for good.
    return await lockfile.lock(dataDir, {
      stale: 10_000,
      update: 2_000,
      realpath: false,
      lockfilePath: `${dataDir}.lock`,
      onCompromised: (err) => console.error("[steward] embedded database lock lost:", err.message),
    });
  } catch (err) {
    if ((err as { code?: string }).code === "ELOCKED") throw new DataDirLockedError(dataDir);
    throw err;
  }
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
