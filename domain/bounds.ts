import { z } from "zod";

/**
 * Bounds for numbers and dates that reach the database. Zod's int() stops at 2^53; PostgreSQL's
 * integer stops at 2^31 - 1 and its timestamps refuse the year 0, and a value past either gave
 * an HTTP 500 instead of a 400 naming the field.
 */

/** PostgreSQL `integer` (int4): versions, counts, days. */
export const INT4_MAX = 2_147_483_647;

/** A whole number from `min` to `max` (at most INT4_MAX), with one message for every way it can be wrong. */
export function wholeNumber(min: number, max: number = INT4_MAX, message = `Enter a whole number from ${min} to ${max}.`) {
  return z.number({ error: message }).int(message).min(min, message).max(Math.min(max, INT4_MAX), message);
}

/** The dates Steward accepts anywhere: 1900-01-01 to 9999-12-31 (UTC). */
export const EARLIEST_DATE = new Date("1900-01-01T00:00:00.000Z");
export const LATEST_DATE = new Date("9999-12-31T23:59:59.999Z");
export const DATE_RANGE_MESSAGE = "Use a date between 1900-01-01 and 9999-12-31.";

const inRange = (d: Date) => d.getTime() >= EARLIEST_DATE.getTime() && d.getTime() <= LATEST_DATE.getTime();

/** A date or date-time, as a Date or any string `new Date()` reads, within the accepted range. */
export function boundedDate(opts: { error?: string } = {}) {
  return z.coerce
    .date({ error: opts.error ?? "Use a date (YYYY-MM-DD)." })
    .min(EARLIEST_DATE, DATE_RANGE_MESSAGE)
    .max(LATEST_DATE, DATE_RANGE_MESSAGE);
}

/** An ISO calendar date string (YYYY-MM-DD) within the accepted range. */
export function boundedIsoDate(opts: { error?: string } = {}) {
  return z.iso.date({ error: opts.error ?? "Use a date (YYYY-MM-DD)." }).refine((s) => inRange(new Date(s)), DATE_RANGE_MESSAGE);
}

/** An ISO 8601 date-time string within the accepted range. */
export function boundedIsoDateTime(opts: { offset?: boolean; error?: string; rangeError?: string } = {}) {
  return z.iso.datetime({ offset: opts.offset, error: opts.error }).refine((s) => inRange(new Date(s)), opts.rangeError ?? DATE_RANGE_MESSAGE);
}
