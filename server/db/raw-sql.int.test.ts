import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite, type OpenDb } from "./client";
import { serverEnv } from "../env";
import { jobQueueClientOptions, postgresExecutor, type SqlExecutor } from "./raw-sql";

// The job queue's SQL runner on both drivers. One connection each, so a failure's aftermath is
// what the next statement meets.
const runners: Array<[string, () => Promise<{ raw: SqlExecutor; close: () => Promise<void> }>]> = [
  [
    "pglite",
    async () => {
      const opened: OpenDb = await openPglite(undefined, { migrate: false });
      return { raw: opened.raw, close: opened.close };
    },
  ],
];
if (process.env.TEST_DATABASE_URL) {
  runners.push([
    "postgres",
    async () => {
      // As the scheduler opens the job queue's connections.
      const client = postgres(process.env.TEST_DATABASE_URL!, jobQueueClientOptions(serverEnv().db, 1));
      return { raw: postgresExecutor(client), close: () => client.end() };
    },
  ]);
}

for (const [kind, open] of runners) {
  describe(`executeSql [${kind}]`, () => {
    const opening = open();
    afterAll(async () => (await opening).close());

    it("runs one statement with parameters, and a statement list without", async () => {
      const { raw } = await opening;
      expect((await raw.executeSql("SELECT $1::int + 1 AS n, $2::text AS s", [41, "b"])).rows).toEqual([{ n: 42, s: "b" }]);
      await raw.executeSql("BEGIN; CREATE TEMP TABLE t (v int); INSERT INTO t VALUES (7); COMMIT;");
      expect((await raw.executeSql("SELECT v FROM t")).rows).toEqual([{ v: 7 }]);
    });

    it("takes JSON parameters as pg-boss sends them: JSON text, or an object", async () => {
      const { raw } = await opening;
      // pg-boss's insert of the jobs its schedules send (plans.js, insertJobs).
      const jobs = JSON.stringify([{ name: "recertification", data: { catchUp: true } }]);
      expect((await raw.executeSql("SELECT name, data FROM json_to_recordset($1) AS x (name text, data jsonb)", [jobs])).rows).toEqual([
        { name: "recertification", data: { catchUp: true } },
      ]);
      expect((await raw.executeSql("SELECT $1::jsonb -> 'a' AS a, jsonb_typeof($2::jsonb) AS kind", [{ a: 1 }, "[1]"])).rows).toEqual([{ a: 1, kind: "array" }]);
    });

    it("leaves no aborted transaction behind a statement list that fails inside BEGIN", async () => {
      const { raw } = await opening;
      await expect(raw.executeSql("BEGIN; SELECT 1/0; COMMIT;")).rejects.toThrow(/division by zero/);
      expect((await raw.executeSql("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });
  });
}
