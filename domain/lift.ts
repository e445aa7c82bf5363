/**
 * Lift of a treatment group over its holdout, with a 95% confidence interval. Pure, so the
 * Performance tab, exports and tests share one method.
 *
 * Relative lift is the ratio of conversion rates less one, p_t / p_h − 1. Its interval is Katz's
 * log method for a ratio of two binomial proportions: ln(RR) ± 1.96·√(1/x_t − 1/n_t + 1/x_h − 1/n_h),
 * then back-transformed, so it is asymmetric as a ratio should be. A group with no conversions
 * (or all converted) gets 0.5 added to its conversions and non-conversions (Haldane), the usual
 * correction that keeps the logarithm finite. Incremental conversions are the treatment's
 * conversions less what its reach would have given at the holdout's rate, with a Wald interval
 * for the difference of proportions scaled by the treatment's reach.
 */

export const Z95 = 1.959963984540054;

export interface GroupCounts {
  reached: number;
  conversions: number;
}

export interface Lift {
  /** p_t / p_h − 1; null when the holdout converted nobody (no ratio exists). */
  lift: number | null;
  low: number;
  high: number;
  incremental: number;
  incrementalLow: number;
  incrementalHigh: number;
}

function corrected({ reached: n, conversions: x }: GroupCounts) {
  return x === 0 || x === n ? { n: n + 1, x: x + 0.5 } : { n, x };
}

/** Null when either group reached nobody. */
export function liftWithInterval(treatment: GroupCounts, holdout: GroupCounts): Lift | null {
  if (treatment.reached <= 0 || holdout.reached <= 0) return null;
  const t = corrected(treatment);
  const h = corrected(holdout);
  const logRr = Math.log(t.x / t.n / (h.x / h.n));
  const se = Math.sqrt(1 / t.x - 1 / t.n + 1 / h.x - 1 / h.n);
  const pt = treatment.conversions / treatment.reached;
  const ph = holdout.conversions / holdout.reached;
  const seDiff = Math.sqrt((pt * (1 - pt)) / treatment.reached + (ph * (1 - ph)) / holdout.reached);
  return {
    lift: holdout.conversions === 0 ? null : pt / ph - 1,
    low: Math.exp(logRr - Z95 * se) - 1,
    high: Math.exp(logRr + Z95 * se) - 1,
    incremental: (pt - ph) * treatment.reached,
    incrementalLow: (pt - ph - Z95 * seDiff) * treatment.reached,
    incrementalHigh: (pt - ph + Z95 * seDiff) * treatment.reached,
  };
}
