import { sql, type SQL } from "drizzle-orm";

/**
 * Arrays for `= ANY(…)` and `unnest(…)` as one bound parameter each, in PostgreSQL's array
 * literal form. `ARRAY[$1, $2, …]` binds one parameter per element: with thousands of ids the
 * statement, its parsing and its binding grow with them (bench/policy).
 */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(",")}}`}::uuid[]`;

export const intArray = (xs: readonly number[]): SQL => sql`${`{${xs.map((x) => Math.trunc(x)).join(",")}}`}::int[]`;

/** Every element quoted, with backslashes and double quotes escaped, so any text survives. */
export const textArray = (xs: readonly string[]): SQL => sql`${`{${xs.map((x) => `"${x.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`}::text[]`;

/** Whole numbers or NULL (an optional count), as one int[] parameter. */
export const nullableIntArray = (xs: readonly (number | null | undefined)[]): SQL => sql`${`{${xs.map((x) => (x == null ? "NULL" : String(Math.trunc(x)))).join(",")}}`}::int[]`;

/** Finite numbers, exactly as JavaScript prints them (PostgreSQL's numeric reads exponents too). */
export const numericArray = (xs: readonly number[]): SQL => sql`${`{${xs.map((x) => String(x)).join(",")}}`}::numeric[]`;
