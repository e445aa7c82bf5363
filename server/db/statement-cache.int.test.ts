import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbSettings } from "@/server/env";
import { openPostgres, type DbOrTx, type OpenDb } from "./client";
import { rowsOf } from "./rows";
import { inTransaction, type TransactionOptions } from "./transaction";

// Prepared statements live in a server's backend: PostgreSQL only (PGlite has no such pool).
if (process.env.TEST_DATABASE_URL) {
  describe("statements kept prepared on the pool's connections [postgres]", () => {
    const settings = (statementCache: number): DbSettings => ({ pool: 1, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 15_000, connectTimeoutMs: 5_000, statementCache });
    // One connection each, so that pg_prepared_statements (per session) shows all that was kept.
    const open = (statementCache: number) => openPostgres(process.env.TEST_DATABASE_URL!, { migrate: false, max: 1, settings: settings(statementCache) });
    const kept = async (db: DbOrTx, marker: string) =>
      rowsOf<{ statement: string }>(await db.execute(sql`SELECT statement FROM pg_prepared_statements`)).filter((r) => r.statement.includes(marker)).length;
    let on: OpenDb;
    let off: OpenDb;
    let small: OpenDb;
    beforeAll(async () => {
      [on, off, small] = await Promise.all([open(500), open(0), open(2)]);
    });
    afterAll(async () => {
      await Promise.all([on?.close(), off?.close(), small?.close()]);
    });

    const plusOne = async (db: DbOrTx, marker: string, n: number) => Number(rowsOf<{ n: number }>(await db.execute(sql`SELECT ${n}::int + 1 AS n, ${marker}::text AS marker`))[0]!.n);

    it("prepares a statement with parameters once and runs it again with other values, in and out of transactions", async () => {
      expect(await plusOne(on.db, "kept_a", 1)).toBe(2);
      expect(await plusOne(on.db, "kept_a", 41)).toBe(42);
      expect(await kept(on.db, "::int + 1 AS n")).toBe(1);
      const inTx = (db: DbOrTx, n: number) => db.execute(sql`SELECT ${n}::int AS in_tx`);
      const inSavepoint = (db: DbOrTx, n: number) => db.execute(sql`SELECT ${n}::int AS in_savepoint`);
      await inTransaction(on.db, async (tx) => {
        await inTx(tx, 1);
        await inTx(tx, 2);
        await inTransaction(tx, async (sp) => {
          await inSavepoint(sp, 1);
          await inSavepoint(sp, 2);
        });
      });
      expect(await kept(on.db, "AS in_tx")).toBe(1);
      expect(await kept(on.db, "AS in_savepoint")).toBe(1);
    });

    /** A one-column table holding 1 as an int, and a transaction reading it through `db`'s kept statement. */
    async function withProbeTable(name: string, db: DbOrTx, body: (read: (opts?: TransactionOptions) => Promise<unknown>) => Promise<void>) {
      const table = sql.identifier(`${name}_${process.pid}`);
      await on.db.execute(sql`CREATE TABLE ${table} (v int NOT NULL)`);
      try {
        await on.db.execute(sql`INSERT INTO ${table} VALUES (1)`);
        await body((opts = {}) => inTransaction(db, async (tx) => rowsOf<{ v: unknown }>(await tx.execute(sql`SELECT v FROM ${table} WHERE ${1}::int > 0`)), opts));
      } finally {
        await off.db.execute(sql`DROP TABLE IF EXISTS ${table}`);
      }
    }
    const changeColumnType = (name: string) => off.db.execute(sql`ALTER TABLE ${sql.identifier(`${name}_${process.pid}`)} ALTER COLUMN v TYPE text`);

    it("runs a transaction again, not failing it, when a schema change has made a kept statement stale", async () => {
      // A deploy's migration that changes a column's type under running servers: their kept plan
      // no longer fits (0A000, "cached plan must not change result type"), which aborts the
      // transaction it ran in. postgres-js drops the statement then, so the retry prepares it anew.
      await withProbeTable("stale_plan_probe", on.db, async (read) => {
        expect(await read()).toEqual([{ v: 1 }]);
        expect(await read()).toEqual([{ v: 1 }]); // kept prepared from its second run
        await changeColumnType("stale_plan_probe");
        const retried: unknown[] = [];
        expect(await read({ onRetry: (_, err) => retried.push(err) })).toEqual([{ v: "1" }]);
        expect(retried).toHaveLength(1);
      });
    });

    it("runs it again as often as the pool has connections that still hold the stale statement", async () => {
      const pool = await openPostgres(process.env.TEST_DATABASE_URL!, { migrate: false, max: 3, settings: settings(500) });
      try {
        await withProbeTable("stale_pool_probe", pool.db, async (read) => {
          // Three at once, twice: the statement kept on each of the three connections.
          for (const _ of [1, 2]) await Promise.all([read(), read(), read()]);
          await changeColumnType("stale_pool_probe");
          const retried: unknown[] = [];
          for (const _ of [1, 2, 3]) expect(await read({ onRetry: (_n, err) => retried.push(err) })).toEqual([{ v: "1" }]);
          // Once per connection that held it, however the attempts fell on them.
          expect(retried).toHaveLength(3);
        });
      } finally {
        await pool.close();
      }
    });

    it("keeps nothing when turned off, and no more texts than the limit", async () => {
      await plusOne(off.db, "x", 1);
      expect(await kept(off.db, "::int + 1 AS n")).toBe(0);
      for (const run of [1, 2]) {
        await small.db.execute(sql`SELECT ${run}::int AS first_text`);
        await small.db.execute(sql`SELECT ${run}::int AS second_text`);
        await small.db.execute(sql`SELECT ${run}::int AS third_text`);
      }
      expect(await kept(small.db, "_text")).toBe(2);
      expect(await kept(small.db, "third_text")).toBe(0);
    });
  });
}
