import type { Db } from "@/server/db/client";
import { recertificationJob, requestExpiryJob, withdrawalSpikeJob } from "./jobs";

/**
 * All the scheduled work at once, outside the queue (the admin's "run now"): re-certification
 * requests when due, automatic pauses when overdue, expiry of requests long past due, and the
 * last complete week's consent-withdrawal spikes (each raised once however often it runs). Each job
 * is its own transaction under its own lock, so a run of the queue at the same moment waits.
 */
export async function runScheduledJobs(db: Db, now = new Date()) {
  const { opened, paused } = await recertificationJob.run(db, now);
  const { expired } = await requestExpiryJob.run(db, now);
  const { raised } = await withdrawalSpikeJob.run(db, now);
  return { opened: opened ?? 0, paused: paused ?? 0, expired: expired ?? 0, withdrawalSpikes: raised ?? 0 };
}
