import { sql, type SQL, type AnyColumn } from "drizzle-orm";

/**
 * Full-text match in both text-search configurations the search vectors are built with (simple
 * for names and keys, english for prose), plus trigram similarity on `trigramText` so that a
 * typo still finds the entry.
 */
export function textMatch(search: AnyColumn, trigramText: AnyColumn | SQL, q: string): SQL {
  return sql`(${search} @@ websearch_to_tsquery('english', ${q}) OR ${search} @@ websearch_to_tsquery('simple', ${q}) OR ${q.toLowerCase()} <% ${trigramText})`;
}

export function textRank(search: AnyColumn, trigramText: AnyColumn | SQL, q: string): SQL<number> {
  return sql<number>`(ts_rank(${search}, websearch_to_tsquery('simple', ${q})) + ts_rank(${search}, websearch_to_tsquery('english', ${q})) + word_similarity(${q.toLowerCase()}, ${trigramText}))`;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
