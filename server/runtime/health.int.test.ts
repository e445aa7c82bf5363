import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { describe, expect, it } from "vitest";
import { migrationsFolder, openPglite, type Db } from "@/server/db/client";
import { pendingMigrations } from "@/server/db/migration-state";
import { rowsOf } from "@/server/db/rows";
import { describeEachDb } from "@/server/testing/db";
import { readiness } from "./health";
import { isDraining, shutdown } from "./shutdown";

const shippedCount = readMigrationFiles({ migrationsFolder }).length;

describeEachDb("readiness", (getDb) => {
  it("is ready on a reachable, migrated database", async () => {
    expect(await readiness({ db: async () => getDb() })).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", draining: false } });
  });

  it("is not ready while the database lacks a migration this build ships", async () => {
    const db = getDb();
    const [newest] = rowsOf<{ id: number; hash: string; created_at: string }>(
      await db.execute(sql`SELECT id, hash, created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`),
    );
    await db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE id = ${newest!.id}`);
    try {
      expect(await pendingMigrations(db)).toBe(1);
      expect(await readiness({ db: async () => db })).toEqual({ ready: false, checks: { database: "ok", migrations: "pending", draining: false } });
    } finally {
      await db.execute(sql`INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES (${newest!.id}, ${newest!.hash}, ${newest!.created_at}::bigint)`);
    }
    expect(await pendingMigrations(db)).toBe(0);
  });
});

describe("readiness without a usable database", () => {
  it("counts every shipped migration as pending on a database never migrated", async () => {
    const bare = await openPglite(undefined, { migrate: false });
    try {
      expect(shippedCount).toBeGreaterThan(0);
      expect(await pendingMigrations(bare.db)).toBe(shippedCount);
    } finally {
      await bare.close();
    }
  });

  it("says unreachable when the database cannot be opened", async () => {
    const result = await readiness({ db: () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })) });
    expect(result).toEqual({ ready: false, checks: { database: "unreachable", migrations: "not checked", draining: false } });
  });

  it("gives up on a database that does not answer, after the timeout", async () => {
    const hanging = { execute: () => new Promise(() => {}) } as unknown as Db;
    const started = performance.now();
    const result = await readiness({ db: async () => hanging, timeoutMs: 200 });
    const took = performance.now() - started;
    expect(result).toEqual({ ready: false, checks: { database: "timeout", migrations: "not checked", draining: false } });
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(2_000);
  });

  // Last: the process stays "draining" once the shutdown has begun.
  it("is not ready once the process is stopping, without asking the database", async () => {
    let asked = false;
    expect(isDraining()).toBe(false);
    expect(await shutdown("test", 0)).toBe(0);
    expect(isDraining()).toBe(true);
    const result = await readiness({
      db: async () => {
        asked = true;
        throw new Error("not to be called");
      },
    });
    expect(result).toEqual({ ready: false, checks: { database: "not checked", migrations: "not checked", draining: true } });
    expect(asked).toBe(false);
  });
});
