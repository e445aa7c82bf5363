/**
 * A value made on its first use. For Intl formatters: a page's first one loads ICU's data, ~50 ms
 * on a slow machine, which made at import would lengthen every page's start-up task.
 */
function onFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const number = onFirstUse(() => new Intl.NumberFormat("en"));

/** Counts with thousands separators: 12,345. */
export function formatNumber(n: number): string {
  return number().format(n);
}
