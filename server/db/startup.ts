import { getProcessDb } from "./process-db";

export async function openAtStartup() {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    await getProcessDb();
    console.log(`[steward] database ready (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PostgreSQL"})`);
  } catch (err) {
    console.error(`[steward] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
