import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { getProcessOpenDb } from "@/server/db/process-db";
import { QUEUE_SCHEMA } from "./queue";
import { sendJob, startScheduler, stopScheduler } from "./scheduler";

// The server's own wiring, as instrumentation.ts starts it: the process database (an embedded
// one in a temporary folder here), its queue, the schedules, the catch-up run and sendJob.
const dir = mkdtempSync(path.join(os.tmpdir(), "steward-jobs-"));
delete process.env.DATABASE_URL;
process.env.STEWARD_DATA_DIR = path.join(dir, "db");
process.env.STEWARD_JOBS_START_DELAY_SECONDS = "0";

afterAll(async () => {
  await stopScheduler();
  await (await getProcessOpenDb()).close();
  rmSync(dir, { recursive: true, force: true });
});

async function jobStates(where: string, values: unknown[] = []) {
  const { raw } = await getProcessOpenDb();
  return (await raw.executeSql(`SELECT name, state FROM ${QUEUE_SCHEMA}.job WHERE ${where} ORDER BY name`, values)).rows;
}

/** Reads until `done`; a read that fails (the queue's schema not created yet) counts as not done. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read().catch(() => undefined);
    if ((v !== undefined && done(v)) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

it("runs each job's catch-up run after start-up, keeps the schedules, and runs a job sent by name", async () => {
  startScheduler();
  startScheduler(); // a second call (a dev-mode reload) starts nothing more
  await getProcessOpenDb(); // opening and migrating an on-disk database: not part of the wait below
  const completed = (rows: unknown[]) => rows.length === 6 && rows.every((r) => (r as { state: string }).state === "completed");
  expect(await until(() => jobStates("singleton_key = 'startup'"), completed)).toEqual([
    { name: "decision-log-prune", state: "completed" },
    { name: "email-delivery", state: "completed" },
    { name: "exception-expiry", state: "completed" },
    { name: "recertification", state: "completed" },
    { name: "request-expiry", state: "completed" },
    { name: "withdrawal-spike", state: "completed" },
  ]);
  const { raw } = await getProcessOpenDb();
  expect((await raw.executeSql(`SELECT name, cron, timezone FROM ${QUEUE_SCHEMA}.schedule ORDER BY name`)).rows).toEqual([
    { name: "decision-log-prune", cron: "20 3 * * *", timezone: "UTC" },
    { name: "email-delivery", cron: "* * * * *", timezone: "UTC" },
    { name: "exception-expiry", cron: "* * * * *", timezone: "UTC" },
    { name: "recertification", cron: "5 * * * *", timezone: "UTC" },
    { name: "request-expiry", cron: "35 * * * *", timezone: "UTC" },
    { name: "withdrawal-spike", cron: "45 * * * *", timezone: "UTC" },
  ]);

  const id = await sendJob("request-expiry");
  expect(
    await until(
      () => jobStates("id = $1", [id]),
      (rows) => (rows[0] as { state: string } | undefined)?.state === "completed",
    ),
  ).toEqual([{ name: "request-expiry", state: "completed" }]);
  await expect(sendJob("nightly")).rejects.toThrow('Unknown job "nightly"');
}, 120_000);
