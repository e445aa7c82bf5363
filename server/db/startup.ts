import { serverEnv } from "../env";
import { getProcessDb } from "./process-db";

const HOUR = 60 * 60 * 1000;

export async function openAtStartup() {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    // Settings first: a wrong one stops the server here, naming the variable.
    const env = serverEnv();
    await getProcessDb();
    console.log(`[steward] database ready (${env.databaseUrl ? "PostgreSQL" : "embedded PostgreSQL"})`);
  } catch (err) {
    console.error(`[steward] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  scheduleJobs();
}

/** Re-certification and request expiry run inside the server, hourly (also `npm run jobs:run`). */
function scheduleJobs() {
  if (serverEnv().jobsDisabled) return;
  const run = async () => {
    try {
      const { runScheduledReviews } = await import("@/server/modules/reviews/service");
      const r = await runScheduledReviews(await getProcessDb());
      if (r.opened || r.paused || r.expired) console.log(`[steward] scheduled reviews: ${r.opened} opened, ${r.paused} paused, ${r.expired} expired`);
    } catch (err) {
      console.error("[steward] scheduled reviews failed:", err);
    }
  };
  setTimeout(run, 30_000).unref();
  setInterval(run, HOUR).unref();
}
