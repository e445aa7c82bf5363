/**
 * RFC 4180 CSV, written by hand: the rules are few, and the export streams a million rows, so
 * the encoder stays a few string operations per cell (see README, "Why each dependency").
 */

/** Cells starting with these are formulas to a spreadsheet (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell. A value that a spreadsheet would run as a formula gets a leading `'`, so it shows
 * as text; null is an empty cell and the empty string a quoted empty cell, as PostgreSQL's COPY.
 */
export function csvCell(value: string | null | undefined): string {
  if (value == null) return "";
  if (value === "") return '""';
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One record, ended by CRLF as RFC 4180 asks. */
export function csvRow(values: ReadonlyArray<string | null | undefined>): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i ? "," : "") + csvCell(values[i]);
  return `${line}\r\n`;
}
