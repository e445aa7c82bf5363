import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import { openPglite, openPostgres, type Db, type OpenDb } from "@/server/db/client";
import { ensureReferenceData } from "@/server/db/reference-data";

export type TestDbKind = "pglite" | "postgres";

/** Every test that touches the database runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set. */
export const testDbKinds: TestDbKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** A fresh, migrated, seeded database: in-memory PGlite, or a new database on the test server. */
export async function openTestDb(kind: TestDbKind): Promise<OpenDb> {
  let opened: OpenDb;
  if (kind === "pglite") {
    opened = await openPglite(undefined);
  } else {
    const base = process.env.TEST_DATABASE_URL!;
    const { default: postgres } = await import("postgres");
    const name = `steward_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString());
    opened = {
      ...db,
      close: async () => {
        await db.close();
        const dropper = postgres(base, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  await ensureReferenceData(opened.db);
  return opened;
}

/** Runs `body` once per database kind, each with its own fresh database. */
export function describeEachDb(title: string, body: (getDb: () => Db, kind: TestDbKind) => void) {
  for (const kind of testDbKinds) {
    describe(`${title} [${kind}]`, () => {
      let opened: OpenDb | undefined;
      beforeAll(async () => {
        opened = await openTestDb(kind);
      });
      afterAll(async () => {
        await opened?.close();
      });
      body(() => opened!.db, kind);
    });
  }
}
