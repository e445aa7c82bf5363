import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { DbOrTx } from "./client";
import { migrationsFolder } from "./client";
import { rowsOf } from "./rows";

let shipped: number[] | undefined;

/**
 * How many of the migrations this build ships the database has not applied, by drizzle's own
 * rule (a migration is applied when the newest recorded one is at least as recent). Another
 * process of a newer version may have applied more: that is not "pending" for this one.
 */
export async function pendingMigrations(db: DbOrTx): Promise<number> {
  // Read once: the files do not change under a running build.
  shipped ??= readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
  let newest = -1;
  try {
    const rows = rowsOf<{ newest: string | null }>(await db.execute(sql`SELECT max(created_at)::text AS newest FROM drizzle.__drizzle_migrations`));
    newest = Number(rows[0]?.newest ?? -1);
  } catch (err) {
    // No migrations table: nothing applied yet.
    if ((err as { code?: string }).code !== "42P01" && (err as { cause?: { code?: string } }).cause?.code !== "42P01") throw err;
  }
  return shipped.filter((when) => when > newest).length;
}
