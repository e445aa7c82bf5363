import { z } from "zod";

/**
 * The rules every piece of text a person or a pipeline sends must meet before it is stored or
 * sent to the database as a parameter. Shared by every zod schema (server and forms alike) so
 * that no field can forget them.
 *
 * - No NUL character: PostgreSQL's text and jsonb cannot hold U+0000 and refuse the whole
 *   statement (an HTTP 500 before this check existed).
 * - Well-formed UTF-16: a lone surrogate (half of a pair, e.g. "\ud800") has no UTF-8 encoding;
 *   jsonb refuses its escape, and drivers silently turn it into U+FFFD elsewhere.
 * - A length cap on every field, stated where the field is declared (`textField(max)`).
 */

export const NUL_MESSAGE = "Remove the NUL character (\\u0000): it cannot be stored.";
export const SURROGATE_MESSAGE = "Remove the broken character: the text holds half of a UTF-16 surrogate pair.";

// With the u flag a well-formed pair is read as one code point, so \p{Cs} matches only a lone half.
// (String.prototype.isWellFormed does the same, but not in every browser the forms run in.)
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with `s` as stored text, or null when nothing is. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(s)) return SURROGATE_MESSAGE;
  return null;
}

/** Adds the storable-text rules to any string schema (z.url(), z.email(), a regex'd string …). */
export function storableText<T extends z.ZodType<string>>(schema: T): T {
  return schema.refine((s) => !s.includes("\u0000"), NUL_MESSAGE).refine((s) => !LONE_SURROGATE.test(s), SURROGATE_MESSAGE);
}

/**
 * A text field: trimmed (unless `trim: false`, for names taken exactly as reported), at most
 * `max` characters, and storable. Chain `.min()`, `.regex()`, `.optional()` … as with z.string().
 */
export function textField(max: number, opts: { trim?: boolean; tooLong?: string } = {}): z.ZodString {
  const base = opts.trim === false ? z.string() : z.string().trim();
  return storableText(base.max(max, opts.tooLong ?? `Use at most ${max} characters.`));
}
