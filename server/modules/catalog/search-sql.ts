import { sql, type SQL, type AnyColumn } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/server/db/client";
import { textArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";

const MAX_TERMS = 8;
/** Catalog words a query word may stand for: the closest few, so one typo cannot fan out. */
const ALTERNATIVES = 5;

/** The words of a query, lower-cased and split as the 'simple' text-search parser splits them. */
export function termsOf(q: string): string[] {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0 && t.length <= 40);
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * Typo tolerance: each query word is replaced by the catalog words closest to it (pg_trgm word
 * similarity against `search_words`, so "loyality" finds loyalty and "wish" finds wishlist), and
 * the words are ANDed into a tsquery; NULL when some word has no close catalog word. Comparing
 * the query with a few thousand short words, instead of with the text of every row, keeps typo
 * search as fast as exact search: the row filter stays an indexed full-text match.
 */
function fuzzyQuery(q: string): SQL {
  const terms = termsOf(q);
  if (terms.length === 0) return sql`NULL::tsquery`;
  return sql`(SELECT CASE WHEN count(*) = ${terms.length} THEN to_tsquery('simple', string_agg(x.alternatives, ' & ')) END
    FROM (
      SELECT '(' || string_agg(quote_literal(w.word), ' | ') || ')' AS alternatives
      FROM unnest(${textArray(terms)}) AS t(term)
      CROSS JOIN LATERAL (
        SELECT word FROM search_words WHERE t.term <% word
        ORDER BY word_similarity(t.term, word) DESC, similarity(t.term, word) DESC, word
        LIMIT ${ALTERNATIVES}
      ) AS w
      GROUP BY t.term
    ) AS x)`;
}

/**
 * The words as typed, in both configurations the search vectors are built with (simple for
 * names and keys, english for prose); once when both read the same, since every repeated
 * lexeme costs ts_rank time on every match.
 */
const exactQuery = (q: string): SQL => sql`(CASE
  WHEN websearch_to_tsquery('english', ${q})::text = websearch_to_tsquery('simple', ${q})::text THEN websearch_to_tsquery('simple', ${q})
  ELSE websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}) END)`;

/** A search box entry turned into tsqueries once per request (see resolveSearch). */
export interface ResolvedSearch {
  /** The words as typed. */
  exact: string;
  /** The closest catalog words for each word, for typos; null when some word has none. */
  fuzzy: string | null;
}

/**
 * Resolves the search once, before the list query: the list query then carries plain tsquery
 * constants, which the planner can estimate (it cannot see into a subquery), and nothing is
 * recomputed per candidate row.
 */
export async function resolveSearch(db: DbOrTx, q: string): Promise<ResolvedSearch> {
  const [row] = rowsOf<ResolvedSearch>(await db.execute(sql`SELECT ${exactQuery(q)}::text AS exact, ${fuzzyQuery(q)}::text AS fuzzy`));
  return { exact: row?.exact ?? "", fuzzy: row?.fuzzy ?? null };
}

const tsq = (text: string): SQL => sql`${text}::tsquery`;

/** Rows with the exact words, or with the closest catalog words to them. */
export function textMatch(search: AnyColumn, s: ResolvedSearch): SQL {
  return s.fuzzy === null ? sql`${search} @@ ${tsq(s.exact)}` : sql`${search} @@ (${tsq(s.exact)} || ${tsq(s.fuzzy)})`;
}

/** Rows with the exact words first (ts_rank alone scores a corrected word like an exact one). */
export function textRank(search: AnyColumn, s: ResolvedSearch): SQL<number> {
  if (s.fuzzy === null) return sql<number>`ts_rank(${search}, ${tsq(s.exact)})`;
  return sql<number>`(CASE WHEN ${search} @@ ${tsq(s.exact)} THEN 1 + ts_rank(${search}, ${tsq(s.exact)}) ELSE ts_rank(${search}, ${tsq(s.fuzzy)}) END)`;
}

export interface SortKey {
  key: SQL | AnyColumn;
  dir: "asc" | "desc";
}

/**
 * A searched list's page in two steps. First rank, sort and count the matches on narrow rows
 * (the id and the sort keys only); then fetch the page's rows, with their joins, by id. Sorting
 * and counting thousands of matches with every displayed column and join attached made the
 * window spill to disk and doubled the time of a common word's search (bench/catalog).
 * OFFSET 0 keeps PostgreSQL from merging the matches into the outer query, so the keys are
 * computed once per match, below the sort and count. The id breaks ties.
 */
export async function searchedPage<T extends { id: string }>(
  db: DbOrTx,
  matches: { from: PgTable; id: AnyColumn; where: SQL | undefined; sort: SortKey[] },
  page: { limit: number; offset: number },
  fetchRows: (ids: string[]) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<{ rows: T[]; total: number; totalCapped: boolean }> {
  const keys = sql.join(
    matches.sort.map((s, i) => sql`${s.key} AS ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
  const orderBy = sql.join(
    matches.sort.map((s, i) => sql.raw(`k${i} ${s.dir === "desc" ? "DESC" : "ASC"}`)),
    sql`, `,
  );
  const found = rowsOf<{ id: string; total: number }>(
    await db.execute(sql`
      SELECT id, (count(*) OVER ())::int AS total
      FROM (SELECT ${matches.id} AS id, ${keys} FROM ${matches.from} WHERE ${matches.where ?? sql`true`} OFFSET 0) m
      ORDER BY ${orderBy}, id LIMIT ${page.limit} OFFSET ${page.offset}`),
  );
  const ids = found.map((r) => r.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const rows = ids.length ? (await fetchRows(ids)).sort((a, b) => at.get(a.id)! - at.get(b.id)!) : [];
  // A page past the end has no rows to carry the total.
  const total = found[0]?.total ?? (page.offset === 0 ? 0 : await count());
  return { rows, ...capped(total) };
}

/**
 * Lists count their matches up to COUNT_CAP and say "10,000+" beyond: counting every one of
 * 100,000 matches on every page view costs more than the page itself.
 */
export const COUNT_CAP = 10_000;

const capped = (n: number) => ({ total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP });

/** The rows matching `where`, counted up to one past COUNT_CAP. */
export async function cappedCount(db: DbOrTx, from: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where ?? sql`true`} LIMIT ${COUNT_CAP + 1}) m`));
  return row?.n ?? 0;
}

/**
 * One page of a catalog list and the number of rows in all: a searched list through
 * searchedPage (sorted by `searchSort`), otherwise `inOrder` reads the page itself.
 */
export async function listPage<T extends { id: string }>(
  db: DbOrTx,
  list: { from: PgTable; id: AnyColumn; where: SQL | undefined },
  page: { page: number; pageSize: number },
  read: { searchSort: SortKey[] | null; inOrder: (limit: number, offset: number) => Promise<T[]>; byIds: (ids: string[]) => Promise<T[]> },
): Promise<{ rows: T[]; total: number; totalCapped: boolean }> {
  const limit = page.pageSize;
  const offset = (page.page - 1) * page.pageSize;
  const count = () => cappedCount(db, list.from, list.where);
  if (read.searchSort) return searchedPage(db, { ...list, sort: read.searchSort }, { limit, offset }, read.byIds, count);
  const [rows, total] = await Promise.all([read.inOrder(limit, offset), count()]);
  return { rows, ...capped(total) };
}

export interface Page<T> {
  items: T[];
  /** Matches in all, at most COUNT_CAP. */
  total: number;
  /** More than COUNT_CAP match: `total` is the cap, and a list says "10,000+". */
  totalCapped: boolean;
  page: number;
  pageSize: number;
}
