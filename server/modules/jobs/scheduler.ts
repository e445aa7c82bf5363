import { serverEnv } from "@/server/env";
import { getProcessDb, getProcessOpenDb } from "@/server/db/process-db";
import { openJobQueueClient, postgresExecutor, type SqlExecutor } from "@/server/db/raw-sql";
import { lockKey, withSessionLock } from "@/server/db/advisory-lock";
import { JOBS, jobsNamed } from "./jobs";
import { openQueue, registerJobs, workJobs, QUEUE_SCHEMA, type Queue } from "./queue";
import type { JobResult } from "./registry";
import { log } from "@/server/log";
import { onShutdown } from "@/server/runtime/shutdown";
import { startWebhookLoop, stopWebhookLoop } from "@/server/modules/webhooks/loop";

interface Running {
  boss: Queue;
  close: () => Promise<void>;
}

// On globalThis so dev-mode module reloads find the running queue instead of starting another.
const holder = globalThis as unknown as { __stewardJobs?: Promise<Running | null> };

/**
 * Starts the job queue in this server process (instrumentation.ts): every process works the
 * queues and keeps the schedules, and pg-boss hands each due job to one of them. A catch-up run
 * of every job follows start-up (STEWARD_JOBS_START_DELAY_SECONDS later), once across processes
 * starting within ten minutes of each other, so work due while no server ran is not left for an hour.
 */
export function startScheduler(): void {
  if (serverEnv().jobsDisabled) return;
  onShutdown("scheduler", stopScheduler);
  // Webhooks are delivered by a loop of their own (a pg-boss job polls too slowly for the 2 s
  // goal); stopScheduler stops it first.
  startWebhookLoop(getProcessDb);
  holder.__stewardJobs ??= start().catch((err) => {
    log.error({ err }, "the job queue did not start; scheduled work will not run in this process");
    return null;
  });
}

async function start(): Promise<Running> {
  const env = serverEnv();
  const opened = await getProcessOpenDb();
  let raw: SqlExecutor = opened.raw;
  let closePool = async () => {};
  // The embedded database has one process (its folder lock), so nothing to take turns with.
  let exclusive = <T>(fn: () => Promise<T>) => fn();
  if (opened.kind === "postgres") {
    // Its own connections (PGlite is one session: the queue shares it).
    const client = await openJobQueueClient(env.databaseUrl!, env.db);
    raw = postgresExecutor(client);
    closePool = () => client.end();
    exclusive = (fn) => withSessionLock(client, lockKey("jobs", "catch-up"), fn);
  }
  try {
    const boss = await openQueue(raw);
    await registerJobs(boss, JOBS, { schedule: true });
    await workJobs(boss, JOBS, getProcessDb, logResult);
    await exclusive(() => sendCatchUp(boss, raw, env.jobsStartDelaySeconds));
    log.info(`job queue started: ${JOBS.map((j) => `${j.name} (${j.cron})`).join(", ")}`);
    return {
      boss,
      close: async () => {
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
        await closePool();
      },
    };
  } catch (err) {
    await closePool();
    throw err;
  }
}

/**
 * One catch-up run of each job, unless a process sent one in the last ten minutes: processes
 * starting together take turns under an advisory lock, so the first sends and the others see it.
 * (pg-boss's own singletonSeconds buckets by clock: two processes either side of a bucket's edge
 * would both send.)
 */
async function sendCatchUp(boss: Queue, raw: SqlExecutor, delaySeconds: number) {
  for (const job of JOBS) {
    const recent = await raw.executeSql(`SELECT 1 FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND singleton_key = 'startup' AND created_on > now() - interval '10 minutes' LIMIT 1`, [job.name]);
    if (recent.rows.length === 0) await boss.send(job.name, {}, { singletonKey: "startup", startAfter: delaySeconds });
  }
}

function logResult(job: string, result: JobResult) {
  const did = Object.entries(result).filter(([, n]) => n > 0);
  if (did.length) log.info({ job }, `job ${job}: ${did.map(([what, n]) => `${n} ${what}`).join(", ")}`);
}

/** Queues one run of a job now; any process working the queue takes it. Returns the job's id. */
export async function sendJob(name: string, data: object = {}): Promise<string | null> {
  const [job] = jobsNamed([name]);
  const running = await holder.__stewardJobs;
  if (!running) throw new Error("The job queue is not running in this process (STEWARD_DISABLE_JOBS, or it failed to start).");
  return running.boss.send(job!.name, data);
}

/**
 * Stops the webhook dispatcher (after the sends in flight) and the queue: no new jobs, the ones
 * running finish (up to 10 s), and the queue's connections close.
 */
export async function stopScheduler(): Promise<void> {
  await stopWebhookLoop();
  const running = await holder.__stewardJobs;
  holder.__stewardJobs = undefined;
  await running?.close();
}
