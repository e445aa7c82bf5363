import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, testDbKinds } from "@/server/testing/db";
import type { OpenDb } from "@/server/db/client";
import { openJobQueueClient, postgresExecutor } from "@/server/db/raw-sql";
import { serverEnv } from "@/server/env";
import { rowsOf } from "@/server/db/rows";
import { sql } from "drizzle-orm";
import { openQueue, registerJobs, workJobs, QUEUE_SCHEMA, type Queue } from "./queue";
import { defineJob, type JobResult } from "./registry";

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const kind of testDbKinds) {
  describe(`job queue [${kind}]`, () => {
    let opened: OpenDb;
    // Two queue instances on one database stand for two server processes.
    const queues: Queue[] = [];
    let runs = 0;
    const job = defineJob("count-runs", {
      cron: "0 0 1 1 *",
      retryLimit: 0,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 300)); // long enough for the other process to try it too
        return { ran: 1 };
      },
    });
    const logged: JobResult[] = [];

    beforeAll(async () => {
      opened = await openTestDb(kind);
      for (let i = 0; i < 2; i++) {
        const q = await openQueue(opened.raw, { schedule: false });
        await registerJobs(q, [job], { schedule: true });
        await workJobs(
          q,
          [job],
          async () => opened.db,
          (_, r) => logged.push(r),
          0.5,
        );
        queues.push(q);
      }
    });
    afterAll(async () => {
      for (const q of queues) await q.stop({ graceful: false, wait: true });
      await opened?.close();
    });

    it("creates its schema and keeps one schedule per job, however many processes register it", async () => {
      const schedules = await opened.raw.executeSql(`SELECT name, cron FROM ${QUEUE_SCHEMA}.schedule WHERE name = $1`, [job.name]);
      expect(schedules.rows).toEqual([{ name: "count-runs", cron: "0 0 1 1 *" }]);
      const queue = await opened.raw.executeSql(`SELECT policy, retry_limit FROM ${QUEUE_SCHEMA}.queue WHERE name = $1`, [job.name]);
      expect(queue.rows).toEqual([{ policy: "singleton", retry_limit: 0 }]);
    });

    it("runs a job sent by both processes for the same slot once, and stores its result", async () => {
      const [a, b] = queues;
      const ids = await Promise.all([a!.send(job.name, {}, { singletonKey: "tick", singletonSeconds: 600 }), b!.send(job.name, {}, { singletonKey: "tick", singletonSeconds: 600 })]);
      const sent = ids.filter((id): id is string => id !== null);
      expect(sent).toHaveLength(1);
      await until(async () => (await a!.getJobById(job.name, sent[0]!))?.state === "completed");
      // Both workers poll every half second: a second run would have happened by now.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(runs).toBe(1);
      expect((await a!.getJobById(job.name, sent[0]!))?.output).toEqual({ ran: 1 });
      expect(logged).toEqual([{ ran: 1 }]);

      // Data goes in and comes out as the object it was (pg's JSON handling, on our drivers).
      const withData = await a!.send(job.name, { segment: "s-1", n: 2 });
      await until(async () => (await a!.getJobById(job.name, withData!))?.state === "completed");
      expect((await a!.getJobById(job.name, withData!))?.data).toEqual({ segment: "s-1", n: 2 });
    });

    if (kind === "postgres")
      it("takes the jobs its schedules send on the connections the server gives it", async () => {
        // The server's queue has its own connections (scheduler.ts), not the app's pool; the cron
        // clock queues a tick's jobs with insert(), which failed on them until they took JSON as pg does.
        const { name } = rowsOf<{ name: string }>(await opened.db.execute(sql`SELECT current_database() AS name`))[0]!;
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${name}`;
        const client = await openJobQueueClient(url.toString(), serverEnv().db);
        const errors: Error[] = [];
        const server = await openQueue(postgresExecutor(client), { schedule: false, onError: (err) => errors.push(err) });
        try {
          // A queue no worker polls, so the job waits to be read.
          await server.createQueue("cron-probe");
          await server.insert([{ name: "cron-probe", data: { tick: "12:05" } }]);
          const [sent] = (await server.fetch("cron-probe")) ?? [];
          expect(sent).toMatchObject({ name: "cron-probe", data: { tick: "12:05" } });
          expect(errors).toEqual([]);
        } finally {
          await server.stop({ graceful: false, wait: true });
          await client.end();
        }
      });

    it("runs separate sends each once (singleton policy: one at a time)", async () => {
      const before = runs;
      const ids = await Promise.all([queues[0]!.send(job.name, {}), queues[1]!.send(job.name, {}), queues[0]!.send(job.name, {})]);
      await until(async () => {
        const states = await Promise.all(ids.map(async (id) => (await queues[0]!.getJobById(job.name, id!))?.state));
        return states.every((s) => s === "completed");
      });
      expect(runs - before).toBe(3);
    });
  });
}
