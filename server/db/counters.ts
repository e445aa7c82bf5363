import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { rowsOf } from "./rows";

/**
 * Reads the counters that triggers keep in count_deltas (drizzle/0015_counters_triggers.sql):
 * a key's value is the sum of its rows. Each change appends a row, so now and then the rows are
 * folded into one per key; the fold deletes and re-inserts in one statement, so a concurrent
 * reader sees either the rows or their sum, and a concurrent fold skips the rows already taken.
 */

/** More rows than this and a read folds them first; keeps a read a few thousand rows at most. */
const FOLD_AT = 2000;

export async function readCounters(db: DbOrTx, prefix: string): Promise<Map<string, number>> {
  const rows = rowsOf<CounterRow>(await db.execute(sql`SELECT key, sum(delta) AS n, count(*) AS rows FROM count_deltas WHERE key LIKE ${prefix + "%"} GROUP BY key`));
  return countersOf(db, rows);
}

type CounterRow = { key: string; n: string | number; rows: string | number };

/**
 * The same read as one JSON value, for a statement that reads other figures too (one round trip
 * instead of two); hand the value to countersOf.
 */
export const countersJson = (prefix: string) =>
  sql`(SELECT coalesce(json_agg(c), '[]'::json) FROM (SELECT key, sum(delta) AS n, count(*) AS rows FROM count_deltas WHERE key LIKE ${prefix + "%"} GROUP BY key) c)`;

/** The counters from readCounters' rows or countersJson's value; folds them when they are many. */
export async function countersOf(db: DbOrTx, rows: CounterRow[] | string): Promise<Map<string, number>> {
  const list: CounterRow[] = typeof rows === "string" ? (JSON.parse(rows) as CounterRow[]) : rows;
  const total = list.reduce((s, r) => s + Number(r.rows), 0);
  if (total > FOLD_AT) await foldCounters(db);
  return new Map(list.map((r) => [r.key, Number(r.n)]));
}

/** Folds every key's rows into one (none when the sum is 0). */
export async function foldCounters(db: DbOrTx): Promise<void> {
  await db.execute(sql`
    WITH gone AS (DELETE FROM count_deltas RETURNING key, delta)
    INSERT INTO count_deltas (key, delta) SELECT key, sum(delta) FROM gone GROUP BY key HAVING sum(delta) <> 0`);
}

export const counter = (counts: Map<string, number>, key: string) => counts.get(key) ?? 0;
