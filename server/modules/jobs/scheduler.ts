import { serverEnv } from "@/server/env";
import { getProcessDb } from "@/server/db/process-db";
import { deliverDueEmails } from "@/server/modules/email/delivery";
import { runScheduledJobs } from "./run";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/**
 * Re-certification and request expiry run inside the server, hourly (also `npm run jobs:run`);
 * e-mail delivery every minute while e-mail is on. Delivery claims messages with SKIP LOCKED,
 * so two processes never send one twice; it moves onto the job queue when that arrives.
 */
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
  if (serverEnv().mail) {
    let running = false;
    const deliver = async () => {
      if (running) return; // a slow relay: the next tick waits rather than piling runs up
      running = true;
      try {
        const r = await deliverDueEmails(await getProcessDb());
        if (r.retrying || r.failed) console.warn(`[steward] e-mail: ${r.sent} sent, ${r.retrying} to retry, ${r.failed} failed for good`);
      } catch (err) {
        console.error("[steward] e-mail delivery failed:", err);
      } finally {
        running = false;
      }
    };
    setInterval(deliver, MINUTE).unref();
  }
}
