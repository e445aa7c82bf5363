import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { DataDirLockedError, openPglite } from "./client";

const dir = mkdtempSync(path.join(os.tmpdir(), "steward-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("refuses a second opener of one embedded data folder with a clear error, and keeps the data", async () => {
  const dataDir = path.join(dir, "db");
  const first = await openPglite(dataDir);
  await first.db.execute(sql`CREATE TABLE kept (v int)`);
  await first.db.execute(sql`INSERT INTO kept VALUES (42)`);
  const second = openPglite(dataDir);
  await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
  await expect(second).rejects.toThrow(/Another Steward process is already using the embedded database/);
  await first.close();

  // Once the first process lets go, the folder opens again with its data intact.
  const reopened = await openPglite(dataDir);
  const res = (await reopened.db.execute(sql`SELECT v FROM kept`)) as unknown as { rows: Array<{ v: number }> };
  expect(res.rows[0]?.v).toBe(42);
  await reopened.close();
}, 120_000); // opens an on-disk PGlite and migrates it twice: slow on a busy 2-core machine
