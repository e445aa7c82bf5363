import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { migrationsFolder, openPostgres } from "./client";
import { rowsOf } from "./rows";

const base = process.env.TEST_DATABASE_URL;

// Several server processes starting at once on a new (or newly upgraded) database: each applies
// the pending migrations at start-up. Only PostgreSQL has several processes; PGlite has one.
describe.runIf(base)("start-up migrations on PostgreSQL", () => {
  it("let several processes starting at once all open a fresh database, migrating it once", async () => {
    const name = `steward_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(base!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(base!);
    url.pathname = `/${name}`;
    try {
      const opened = await Promise.all([1, 2, 3].map(() => openPostgres(url.toString(), { max: 2 })));
      const applied = rowsOf<{ n: number }>(await opened[0]!.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`));
      const files = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql"));
      expect(applied[0]?.n).toBe(files.length);
      for (const o of opened) await o.close();
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
