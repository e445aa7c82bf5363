import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

const made = new WeakMap<DbOrTx, Map<string, unknown>>();

/**
 * A statement prepared once per database (or transaction) handle and kept: on PostgreSQL an
 * unprepared statement with parameters costs postgres-js an extra round trip for their types, and
 * the server a parse and plan, on every call. `make` runs the first time `name` is asked for.
 */
export function preparedOnce<T>(db: DbOrTx, name: string, make: (db: DbOrTx) => T): T {
  let mine = made.get(db);
  if (!mine) made.set(db, (mine = new Map()));
  if (!mine.has(name)) mine.set(name, make(db));
  return mine.get(name) as T;
}

const dialect = new PgDialect();

/** Raw SQL with `sql.placeholder(...)` values as a named prepared statement; run it with `.execute({ ... })`. */
export function prepareSql(db: DbOrTx, name: string, query: SQL) {
  return db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
}
