import { serverEnv } from "@/server/env";
import { getProcessDb } from "@/server/db/process-db";
import { runScheduledJobs } from "./run";

const HOUR = 60 * 60 * 1000;

/** Re-certification and request expiry run inside the server, hourly (also `npm run jobs:run`). */
export function startScheduler() {
  if (serverEnv().jobsDisabled) return;
  const run = async () => {
    try {
      const r = await runScheduledJobs(await getProcessDb());
      if (r.opened || r.paused || r.expired) console.log(`[steward] scheduled reviews: ${r.opened} opened, ${r.paused} paused, ${r.expired} expired`);
    } catch (err) {
      console.error("[steward] scheduled reviews failed:", err);
    }
  };
  setTimeout(run, 30_000).unref();
  setInterval(run, HOUR).unref();
}
