/**
 * Runs once when the server starts: opens the database, which applies pending migrations and
 * takes the embedded database's lock, so a misconfiguration fails at start, not on first click.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getProcessDb } = await import("./server/db/process-db");
  try {
    await getProcessDb();
    console.log(`[steward] database ready (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PostgreSQL"})`);
  } catch (err) {
    console.error(`[steward] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
