import { sql, type SQL, type AnyColumn } from "drizzle-orm";

const MAX_TERMS = 8;
/** Catalog words a query word may stand for: the closest few, so one typo cannot fan out. */
const ALTERNATIVES = 5;

/** The words of a query, lower-cased and split as the 'simple' text-search parser splits them. */
export function termsOf(q: string): string[] {
  const words = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0 && t.length <= 40);
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * Typo tolerance: each query word is replaced by the catalog words closest to it (pg_trgm word
 * similarity against `search_words`, so "loyality" finds loyalty and "wish" finds wishlist), and
 * the words are ANDed into a tsquery; NULL when some word has no close catalog word. Comparing
 * the query with a few thousand short words, instead of with the text of every row, keeps typo
 * search as fast as exact search: the row filter stays an indexed full-text match. PostgreSQL
 * runs this uncorrelated subquery once per statement.
 */
function fuzzyQuery(q: string): SQL {
  const terms = termsOf(q);
  if (terms.length === 0) return sql`NULL::tsquery`;
  const array = sql`ARRAY[${sql.join(
    terms.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  return sql`(SELECT CASE WHEN count(*) = ${terms.length} THEN to_tsquery('simple', string_agg(x.alternatives, ' & ')) END
    FROM (
      SELECT '(' || string_agg(quote_literal(w.word), ' | ') || ')' AS alternatives
      FROM unnest(${array}) AS t(term)
      CROSS JOIN LATERAL (
        SELECT word FROM search_words WHERE t.term <% word
        ORDER BY word_similarity(t.term, word) DESC, similarity(t.term, word) DESC, word
        LIMIT ${ALTERNATIVES}
      ) AS w
      GROUP BY t.term
    ) AS x)`;
}

/** The words as typed, in both configurations the search vectors are built with (simple for names and keys, english for prose). */
const exactQuery = (q: string): SQL => sql`(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}))`;

/**
 * One tsquery for a search box entry: the exact words, or, for typos, the closest catalog words.
 * One query instead of three ORed matches: each candidate row is tested and ranked once.
 */
const searchQuery = (q: string): SQL => sql`(${exactQuery(q)} || coalesce(${fuzzyQuery(q)}, ${exactQuery(q)}))`;

export function textMatch(search: AnyColumn, q: string): SQL {
  return sql`${search} @@ ${searchQuery(q)}`;
}

/** Rows with the exact words first (ts_rank alone scores a corrected word like an exact one). */
export function textRank(search: AnyColumn, q: string): SQL<number> {
  return sql<number>`(ts_rank(${search}, ${searchQuery(q)}) + CASE WHEN ${search} @@ ${exactQuery(q)} THEN 1 ELSE 0 END)`;
}

/**
 * The number of rows a query matched, before LIMIT and OFFSET. A searched list reads and ranks
 * every match to sort them anyway, so its page query counts them in the same pass instead of a
 * second query going over the same matches; an unsearched list walks an index for its page, and
 * a separate count stays cheaper there.
 */
export const matchedCount = sql<number>`(count(*) OVER ())::int`;
export const noCount = sql<number>`0`;

/** The total of a searched list from its page rows; a page past the end has none, so it counts. */
export async function totalOf(rows: Array<{ total: number }>, page: number, count: () => Promise<number>): Promise<number> {
  return rows[0]?.total ?? (page > 1 ? count() : 0);
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
