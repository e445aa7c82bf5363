import { openConfiguredDb, type Db, type OpenDb } from "./client";
import { ensureReferenceData } from "./reference-data";
import { onShutdown } from "../runtime/shutdown";

// Kept on globalThis so dev-mode module reloads reuse one connection (and one PGlite lock).
const holder = globalThis as unknown as { __stewardDb?: Promise<OpenDb> };

/**
 * The process-wide database, opened on first use (never at import, so `next build` never opens
 * it). Migrations and reference data are applied before the first query runs.
 */
export function getProcessDb(): Promise<Db> {
  return getProcessOpenDb().then((o) => o.db);
}

/** The same, with its driver kind and plain-SQL runner (the job queue needs both). */
export function getProcessOpenDb(): Promise<OpenDb> {
  holder.__stewardDb ??= (async () => {
    const opened = await openConfiguredDb();
    await ensureReferenceData(opened.db);
    // After the requests in flight, on SIGTERM: closing the embedded database also frees its folder's lock.
    onShutdown("database", opened.close);
    return opened;
  })().catch((err) => {
    holder.__stewardDb = undefined;
    throw err;
  });
  return holder.__stewardDb;
}
