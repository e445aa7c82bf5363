import type { Db } from "@/server/db/client";

/** What a job reports: counts of what it did ("opened": 2), logged and kept with the job. */
export type JobResult = Record<string, number>;

export interface JobSpec {
  /** When the queue runs it, as a cron expression in UTC ("5 * * * *": hourly at :05). */
  cron: string;
  /** How many times a failed run is tried again before the job is marked failed. */
  retryLimit: number;
  /** The work itself, against the given database and clock; it must be safe to repeat. */
  run: (db: Db, now: Date) => Promise<JobResult>;
}

export interface JobDefinition extends JobSpec {
  name: string;
}

// pg-boss queue names: letters, digits, dashes, underscores, periods (checked by pg-boss too,
// but at start-up, long after a typo here was written).
const NAME = /^[a-z][a-z0-9-]*$/;

/** A scheduled job: a name the queue and `npm run jobs:run` know it by, its schedule and its work. */
export function defineJob(name: string, spec: JobSpec): JobDefinition {
  if (!NAME.test(name)) throw new Error(`Job name "${name}" must be lower-case letters, digits and dashes.`);
  return { name, ...spec };
}
