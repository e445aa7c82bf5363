/**
 * Steward's one way of writing dates: "2 Nov 2026" and "2 Nov 2026, 14:05 UTC", always in UTC,
 * the same in every browser, locale and time zone, on the server (messages, evidence packs) and
 * in the browser. Written out rather than through Intl, whose month names and separators differ
 * between ICU versions ("Sep"/"Sept"), and whose first use loads ICU's data.
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

type When = Date | string | null | undefined;

/** The ISO form of a Date or a date string; "" when it is no date. */
function isoOf(d: Date | string): string {
  if (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  const date = typeof d === "string" ? new Date(d) : d;
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** A day: "2 Nov 2026" (UTC). Takes a Date, an ISO timestamp or a `YYYY-MM-DD` day; "—" for none. */
export function formatDate(d: When): string {
  const iso = d ? isoOf(d) : "";
  if (!iso) return "—";
  const [y, m, day] = iso.slice(0, 10).split("-").map(Number);
  return `${day} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** A moment: "2 Nov 2026, 14:05 UTC", labelled, so every reader (and every export) agrees. */
export function formatDateTime(d: When): string {
  const iso = d ? isoOf(d) : "";
  if (!iso) return "—";
  return iso.length === 10 ? formatDate(iso) : `${formatDate(iso)}, ${iso.slice(11, 16)} UTC`;
}

/** The calendar day of `at` in UTC, `YYYY-MM-DD`, the value of a date field. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** `YYYY-MM-DD` of today plus `days`, in UTC. */
export const dayFromToday = (days: number, from: Date = new Date()): string => utcDay(new Date(from.getTime() + days * 86_400_000));

/** A day chosen as a deadline lasts until its end (UTC). */
export const endOfDay = (day: string) => new Date(`${day}T23:59:59Z`);

/** A valid `YYYY-MM-DD` day, as a date field gives it. */
export const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && isoOf(`${s}T00:00:00Z`).slice(0, 10) === s;
