import { and, asc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { dataCategories, dataSources, signals } from "@/server/db/schema";
import type { pickSignalsInput } from "./schemas";

export const PICK_LIMIT = 20;

/**
 * The segment form's signal combobox: active signals whose name, key, source (name or key) or
 * data category (name or key) contain what was typed, names starting with it first. Substring
 * matching rather than full-text, because people type the start of a word ("bask" for basket).
 */
export async function pickSignals(db: DbOrTx, input: z.infer<typeof pickSignalsInput>) {
  const q = input.q.trim();
  const like = `%${q.replace(/[%_\\]/g, "\\$&")}%`;
  const match = q
    ? or(ilike(signals.name, like), ilike(signals.key, like), ilike(dataSources.name, like), ilike(dataSources.key, like), ilike(dataCategories.name, like), ilike(dataCategories.key, like))
    : undefined;
  const startsWith = `${q.replace(/[%_\\]/g, "\\$&")}%`;
  return db
    .select({
      id: signals.id,
      key: signals.key,
      name: signals.name,
      valueType: signals.valueType,
      allowedValues: signals.allowedValues,
      sensitivity: dataCategories.defaultSensitivity,
      sourceName: dataSources.name,
      categoryName: dataCategories.name,
    })
    .from(signals)
    .innerJoin(dataSources, eq(dataSources.id, signals.sourceId))
    .innerJoin(dataCategories, eq(dataCategories.id, signals.categoryId))
    .where(and(isNull(signals.retiredAt), match))
    .orderBy(sql`${signals.name} ILIKE ${startsWith} DESC`, asc(signals.name))
    .limit(PICK_LIMIT);
}
