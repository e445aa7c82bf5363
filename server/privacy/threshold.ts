/**
 * Rule 1 of the privacy rules (README "Outcome and consent metrics"): a people count below k is
 * not released, and neither is any number computed from one. Pure: no I/O, no clock.
 */

/** A number as it may be shown: its value, or why it is withheld (the message says it in words). */
export type Release = { released: true; value: number } | { released: false; reason: SuppressionReason; message: string };
/** `unreleased`: with differential privacy, a count not yet released with noise; `noise`: not releasable with noise at all (revenue). */
export type SuppressionReason = "threshold" | "complementary" | "difference" | "derived" | "budget" | "unreleased" | "noise";

/**
 * The threshold k for a segment: its minimum reportable cohort, never below the policy minimum.
 * A segment without one (null) reports at the policy minimum.
 */
export function effectiveK(segmentMinimum: number | null, policyMinimum: number): number {
  const k = Math.max(segmentMinimum ?? policyMinimum, policyMinimum);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number of at least 1 (got ${k}).`);
  return k;
}

export const fewerThan = (k: number) => `fewer than ${k}`;

/** A people count: released when at least k, otherwise "fewer than k" (0 included: nobody is a small group too). */
export function thresholdCount(value: number, k: number): Release {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`A people count must be a whole number of at least 0 (got ${value}).`);
  return value >= k ? { released: true, value } : { released: false, reason: "threshold", message: fewerThan(k) };
}

/**
 * A number computed from released numbers (a rate, a lift, incremental conversions): withheld
 * when any input is, since it would give the withheld input back (rate × reached = conversions).
 */
export function derive(inputs: Release[], compute: (...values: number[]) => number): Release {
  const withheld = inputs.find((r) => !r.released);
  if (withheld) return { released: false, reason: "derived", message: `not shown: computed from a number that is ${withheld.message}` };
  const value = compute(...inputs.map((r) => (r as { value: number }).value));
  return Number.isFinite(value) ? { released: true, value } : { released: false, reason: "derived", message: "not defined for these numbers" };
}

/** Conversions over reached, withheld with either. */
export const rate = (conversions: Release, reached: Release) => derive([conversions, reached], (c, n) => c / n);
