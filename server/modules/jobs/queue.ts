import { log } from "@/server/log";
import PgBoss from "pg-boss";
import type { Db } from "@/server/db/client";
import type { SqlExecutor } from "@/server/db/raw-sql";
import type { JobDefinition, JobResult } from "./registry";

/** pg-boss keeps its tables in their own schema, out of the app's migrations. */
export const QUEUE_SCHEMA = "pgboss";

export type Queue = PgBoss;

/**
 * A pg-boss instance on the given SQL runner (raw-sql.ts), not its own `pg` pool. It creates
 * or upgrades its schema at start, under its own advisory lock, so several processes may start
 * together. `schedule: false` leaves out the cron clock (tests that only send and work).
 */
export async function openQueue(db: SqlExecutor, opts: { schedule?: boolean; onError?: (err: Error) => void } = {}): Promise<Queue> {
  const boss = new PgBoss({
    db: db as PgBoss.Db,
    schema: QUEUE_SCHEMA,
    schedule: opts.schedule ?? true,
  });
  boss.on("error", opts.onError ?? ((err: Error) => log.error({ err }, "job queue error")));
  await boss.start();
  return boss;
}

/**
 * One queue per job. The "singleton" policy lets only one of its jobs be active at a time across
 * every process, and pg-boss's cron sends at most one job per schedule tick, whichever process's
 * clock notices it first: so N processes run each due job once.
 */
export async function registerJobs(boss: Queue, jobs: readonly JobDefinition[], opts: { schedule: boolean }) {
  for (const job of jobs) {
    await boss.createQueue(job.name, { name: job.name, policy: "singleton", retryLimit: job.retryLimit, retryDelay: 60, retryBackoff: true });
    if (opts.schedule) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
  }
}

/** Works each job's queue in this process: one job at a time, the result stored with it. */
export async function workJobs(boss: Queue, jobs: readonly JobDefinition[], getDb: () => Promise<Db>, log: (job: string, result: JobResult) => void, pollingIntervalSeconds = 5) {
  for (const job of jobs) {
    await boss.work(job.name, { pollingIntervalSeconds, batchSize: 1 }, async () => {
      const result = await job.run(await getDb(), new Date());
      log(job.name, result);
      return result;
    });
  }
}
