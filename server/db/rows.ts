/** `db.execute()` returns `{ rows }` on PGlite and a plain array on postgres-js: one way to read both. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
