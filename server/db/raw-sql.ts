import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { DbSettings } from "../env";
import { postgresOptions } from "./pg-options";

/**
 * Plain SQL text with positional parameters ($1, $2…), answered with rows: the shape pg-boss
 * takes as its `db` (its own `pg` pool otherwise), so the job queue runs on the same drivers as
 * the app, on PostgreSQL and on embedded PGlite alike.
 */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss was written against `pg`, which sends any plain object as its JSON text whatever the
 * parameter's type; postgres-js serializes by the type the server infers and fails on an object
 * bound to text. Arrays (`= ANY($1)`), dates, strings and numbers pass as they are.
 */
function asParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array)) return JSON.stringify(value);
  return value;
}

/**
 * JSON parameters as `pg` sends them: a string is JSON text already. pg-boss inserts the jobs its
 * schedules send with `json_to_recordset($1)` and `$1 = JSON.stringify(jobs)`; postgres-js's own
 * serializer encodes that string again, as one JSON string, and the insert fails ("cannot call
 * json_to_recordset on a scalar"), so no scheduled job was ever queued on PostgreSQL. (The app's
 * pool needs none of this: Drizzle sends its JSON as text and sets these serializers itself.)
 */
const PG_STYLE_JSON = {
  to: 114,
  from: [114, 3802],
  serialize: (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value)),
  parse: (text: string) => JSON.parse(text) as unknown,
};

/** postgres-js options for the job queue's own connections: the app's timeouts, and pg's JSON parameters. */
export function jobQueueClientOptions(settings: DbSettings, max: number) {
  return { ...postgresOptions(settings, max), types: { json: PG_STYLE_JSON } };
}

/**
 * The job queue's own two connections on PostgreSQL (scheduler.ts): pg-boss polls every few
 * seconds, and a busy app pool must not make it wait, nor it the app.
 */
export async function openJobQueueClient(url: string, settings: DbSettings): Promise<Sql> {
  const { default: postgres } = await import("postgres");
  return postgres(url, jobQueueClientOptions(settings, 2));
}

/**
 * A statement list that fails after its BEGIN leaves the session in an aborted transaction,
 * which would fail every later statement on it (the pool's connection handed back, or PGlite's
 * one session). ROLLBACK with no transaction open is only a warning.
 */
const ROLLBACK_IF_OPEN = "ROLLBACK";

/**
 * postgres-js: with no parameters `unsafe` uses the simple protocol, which runs several
 * statements in one message; pg-boss sends its schema and its locked sections ("BEGIN; …;
 * COMMIT") that way. postgres-js allows a BEGIN only on a connection set apart from the pool,
 * so those go through a reserved one, handed back at once.
 */
export function postgresExecutor(client: Sql): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: [...(await client.unsafe(text, values.map(asParameter) as never[]))] };
      const conn = await client.reserve();
      try {
        const result = await conn.unsafe(text);
        // Several statements answer with one result each; pg-boss reads rows only from single ones.
        return { rows: Array.isArray(result[0]) ? (result.at(-1) as unknown as unknown[]) : [...result] };
      } catch (err) {
        await conn.unsafe(ROLLBACK_IF_OPEN);
        throw err;
      } finally {
        conn.release();
      }
    },
  };
}

/**
 * PGlite: `exec` for statement lists without parameters, `query` for one statement with them.
 * Both wait for any open transaction of the app to end (PGlite is one session), so a job-queue
 * statement never lands inside someone else's transaction.
 */
export function pgliteExecutor(client: PGlite): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query(text, values.map(asParameter))).rows };
      try {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      } catch (err) {
        await client.exec(ROLLBACK_IF_OPEN);
        throw err;
      }
    },
  };
}
