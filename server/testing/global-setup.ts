import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "@/server/db/client";
import { ensureReferenceData } from "@/server/db/reference-data";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated, seeded PGlite data folder (a tar file) that each test database starts from. */
    pgliteTemplate: string;
    /** A migrated, seeded database on the test server that each test database is copied from. */
    postgresTemplate: string;
  }
}

/**
 * Migrates once per test run instead of once per test file: booting PGlite and applying every
 * migration costs seconds per file, loading a dumped folder a fraction of it, and PostgreSQL
 * copies a template database faster than it replays the migrations.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-test-"));
  const base = process.env.TEST_DATABASE_URL;
  const templateName = `steward_template_${randomBytes(6).toString("hex")}`;

  // One after the other: PGlite's work blocks the event loop, long enough for a PostgreSQL
  // connection being opened beside it to time out.
  const postgresTemplate = base ? await createPostgresTemplate(base, templateName) : "";
  const pgliteFile = await createPgliteTemplate(path.join(dir, "pglite.tar"));
  project.provide("pgliteTemplate", pgliteFile);
  project.provide("postgresTemplate", postgresTemplate);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (base) await adminSql(base, `DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  };
}

async function createPgliteTemplate(file: string): Promise<string> {
  const opened = await openPglite(undefined);
  await ensureReferenceData(opened.db);
  const dump = await (opened.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
  await opened.close();
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

async function createPostgresTemplate(base: string, name: string): Promise<string> {
  await adminSql(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const opened = await openPostgres(url.toString());
  await ensureReferenceData(opened.db);
  // A template must have no sessions while it is copied.
  await opened.close();
  return name;
}

async function adminSql(base: string, statement: string) {
  const { default: postgres } = await import("postgres");
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}
