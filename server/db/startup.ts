import { serverEnv } from "../env";
import { getProcessDb } from "./process-db";

/** Opens the database at start-up; true when it did (not while `next build` collects pages). */
export async function openAtStartup(): Promise<boolean> {
  if (process.env.NEXT_PHASE === "phase-production-build") return false;
  try {
    // Settings first: a wrong one stops the server here, naming the variable.
    const env = serverEnv();
    await getProcessDb();
    console.log(`[steward] database ready (${env.databaseUrl ? "PostgreSQL" : "embedded PostgreSQL"})`);
  } catch (err) {
    console.error(`[steward] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  return true;
}
