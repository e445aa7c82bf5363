import { serverEnv } from "../env";
import { getProcessDb } from "./process-db";
import { log } from "../log";

/** Opens the database at start-up; true when it did (not while `next build` collects pages). */
export async function openAtStartup(): Promise<boolean> {
  if (process.env.NEXT_PHASE === "phase-production-build") return false;
  try {
    // Settings first: a wrong one stops the server here, naming the variable.
    const env = serverEnv();
    await getProcessDb();
    log.info({ database: env.databaseUrl ? "postgres" : "pglite" }, `database ready (${env.databaseUrl ? "PostgreSQL" : "embedded PostgreSQL"})`);
  } catch (err) {
    // The message alone: it names the setting or the lock holder; a stack trace would bury that.
    log.fatal(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  return true;
}
