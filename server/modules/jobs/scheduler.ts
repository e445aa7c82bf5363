import { serverEnv } from "@/server/env";
import { getProcessDb, getProcessOpenDb } from "@/server/db/process-db";
import { postgresExecutor, type SqlExecutor } from "@/server/db/raw-sql";
import { JOBS, jobsNamed } from "./jobs";
import { openQueue, registerJobs, workJobs, type Queue } from "./queue";
import type { JobResult } from "./registry";

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
 * starting within the same ten minutes, so work due while no server ran is not left for an hour.
 */
export function startScheduler(): void {
  if (serverEnv().jobsDisabled) return;
  holder.__stewardJobs ??= start().catch((err) => {
    console.error("[steward] the job queue did not start; scheduled work will not run in this process:", err);
    return null;
  });
}

async function start(): Promise<Running> {
  const env = serverEnv();
  const opened = await getProcessOpenDb();
  let raw: SqlExecutor = opened.raw;
  let closePool = async () => {};
  if (opened.kind === "postgres") {
    // Its own two connections: pg-boss polls every few seconds, and a busy app pool must not
    // make it wait, nor it the app. (PGlite is one session: the queue shares it.)
    const { default: postgres } = await import("postgres");
    const client = postgres(env.databaseUrl!, { max: 2, onnotice: () => {} });
    raw = postgresExecutor(client);
    closePool = () => client.end();
  }
  try {
    const boss = await openQueue(raw);
    await registerJobs(boss, JOBS, { schedule: true });
    await workJobs(boss, JOBS, getProcessDb, logResult);
    for (const job of JOBS) await boss.send(job.name, {}, { singletonKey: "startup", singletonSeconds: 600, startAfter: env.jobsStartDelaySeconds });
    console.log(`[steward] job queue started: ${JOBS.map((j) => `${j.name} (${j.cron})`).join(", ")}`);
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

function logResult(job: string, result: JobResult) {
  const did = Object.entries(result).filter(([, n]) => n > 0);
  if (did.length) console.log(`[steward] job ${job}: ${did.map(([what, n]) => `${n} ${what}`).join(", ")}`);
}

/** Queues one run of a job now; any process working the queue takes it. Returns the job's id. */
export async function sendJob(name: string, data: object = {}): Promise<string | null> {
  const [job] = jobsNamed([name]);
  const running = await holder.__stewardJobs;
  if (!running) throw new Error("The job queue is not running in this process (STEWARD_DISABLE_JOBS, or it failed to start).");
  return running.boss.send(job!.name, data);
}

/** Stops taking jobs, lets the ones running finish (up to 10 s), and closes the queue's connections. */
export async function stopScheduler(): Promise<void> {
  const running = await holder.__stewardJobs;
  holder.__stewardJobs = undefined;
  await running?.close();
}
