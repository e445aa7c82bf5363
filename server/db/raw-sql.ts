import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";

/**
 * Plain SQL text with positional parameters ($1, $2…), answered with rows: the shape pg-boss
 * takes as its `db` (its own `pg` pool otherwise), so the job queue runs on the same drivers as
 * the app, on PostgreSQL and on embedded PGlite alike.
 */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * postgres-js: with no parameters `unsafe` uses the simple protocol, which runs several
 * statements in one message (pg-boss sends "BEGIN; …; COMMIT" and its schema that way), all on
 * one connection of the pool.
 */
export function postgresExecutor(client: Sql): SqlExecutor {
  return {
    async executeSql(text, values) {
      const result = await client.unsafe(text, (values ?? []) as never[]);
      // Several statements answer with one result each; pg-boss reads rows only from single ones.
      return { rows: Array.isArray(result[0]) ? (result.at(-1) as unknown as unknown[]) : [...result] };
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
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}
