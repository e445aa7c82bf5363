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

const dateTime = onFirstUse(() => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }));

const date = onFirstUse(() => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }));

/** Days (expiry dates, review deadlines), in UTC like every other time in Steward. */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return date().format(typeof d === "string" ? new Date(d) : d);
}

/** Times are shown in UTC, labelled, so every reader (and every export) agrees. */
export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return `${dateTime().format(typeof d === "string" ? new Date(d) : d)} UTC`;
}
