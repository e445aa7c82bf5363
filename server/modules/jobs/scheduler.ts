import { serverEnv } from "@/server/env";
import { getProcessDb } from "@/server/db/process-db";
import { log } from "@/server/log";
import { onShutdown } from "@/server/runtime/shutdown";
import { runScheduledJobs } from "./run";

const HOUR = 60 * 60 * 1000;

/** Re-certification and request expiry run inside the server, hourly (also `npm run jobs:run`). */
export function startScheduler() {
  if (serverEnv().jobsDisabled) return;
  const run = async () => {
    try {
      const r = await runScheduledJobs(await getProcessDb());
      if (r.opened || r.paused || r.expired) log.info({ job: "reviews", ...r }, `scheduled reviews: ${r.opened} opened, ${r.paused} paused, ${r.expired} expired`);
    } catch (err) {
      log.error({ err, job: "reviews" }, "scheduled reviews failed");
    }
  };
  const first = setTimeout(run, 30_000).unref();
  const hourly = setInterval(run, HOUR).unref();
  onShutdown("scheduler", () => {
    clearTimeout(first);
    clearInterval(hourly);
  });
}
