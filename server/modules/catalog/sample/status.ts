import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";

/** True while the catalog has no source, signal or segment, retired ones included. */
export async function catalogIsEmpty(db: DbOrTx): Promise<boolean> {
  const [row] = rowsOf<{ nonempty: boolean }>(await db.execute(sql`SELECT ${catalogNonEmpty} AS nonempty`));
  return !row?.nonempty;
}

/** The opposite, as an expression for a statement that reads more (the dashboard's). */
export const catalogNonEmpty = sql`(EXISTS (SELECT 1 FROM data_sources) OR EXISTS (SELECT 1 FROM signals) OR EXISTS (SELECT 1 FROM segments))`;
